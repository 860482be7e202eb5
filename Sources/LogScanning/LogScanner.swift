import KnowledgeBase
import LogRules
import RuleMatching

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One explained log line.
public struct Finding: Sendable, Equatable {
  /// The id of the problem the line shows, one of ``RuleSet/problems``.
  public var problem: String
  /// The id of the rule that won the line (`signature_invalid.form`).
  public var rule: String
  /// What the winning rule recognised the problem by.
  public var basis: Basis
  /// The file path, or `-` for standard input; `archive!entry` for an entry of an archive.
  public var source: String
  /// 1-based line number.
  public var line: Int
  /// The line as read (invalid UTF-8 replaced), cut at ``Finding/maxTextLength`` characters.
  public var text: String
  /// Field values by name: the winning rule's captures, the extracted and derived fields, and
  /// the time, level, thread, logger and product of the line's entry when its layout gave them.
  public var fields: [String: String]
  /// The lines before and after this one (`grep -C`), when the scanner keeps context; each
  /// cut as ``text`` is.
  public var before: [String] = []
  /// The lines after this one; see ``before``.
  public var after: [String] = []

  /// The most characters of a line a finding's ``text`` (and its context) keeps.
  public static let maxTextLength = 2_000

  /// `text` cut at ``maxTextLength`` characters; a line of fewer bytes has fewer characters,
  /// so it needs no counting.
  static func shortened(_ text: String) -> String {
    text.utf8.count <= maxTextLength ? text : String(text.prefix(maxTextLength))
  }

  /// A finding without context lines; ``text`` is kept as given.
  public init(
    problem: String, rule: String, basis: Basis, source: String, line: Int, text: String,
    fields: [String: String]
  ) {
    self.problem = problem
    self.rule = rule
    self.basis = basis
    self.source = source
    self.line = line
    self.text = text
    self.fields = fields
  }
}

/// What a scan read.
public struct ScanStatistics: Sendable, Equatable {
  /// Lines read (those of a lead not counted).
  public var lines = 0
  /// Bytes read (those of a lead not counted).
  public var bytes = 0
  /// With a lead (``LogScanner/leadBytes``): a finding continues an entry that no line of the
  /// lead or after it starts, so the entry may have begun before the lead.
  public var entryBeforeLead = false
  /// Nothing read yet.
  public init() {}

  /// The statistics of two scans together, as if one had read both inputs.
  public static func + (left: ScanStatistics, right: ScanStatistics) -> ScanStatistics {
    var sum = left
    sum.lines += right.lines
    sum.bytes += right.bytes
    sum.entryBeforeLead = left.entryBeforeLead || right.entryBeforeLead
    return sum
  }
}

/// A stream could not be read.
public struct ReadError: Error, Sendable, CustomStringConvertible {
  /// The file path, or `-` for standard input, as findings name it.
  public var source: String
  /// What went wrong, in words (the system's error message).
  public var reason: String
  /// The source and the reason, in one line.
  public var description: String { "\(source): \(reason)" }

  /// An error reading `source`, for `reason`.
  public init(source: String, reason: String) {
    self.source = source
    self.reason = reason
  }
}

/// Reads a stream block by block and explains every line that a rule matches.
///
/// Memory stays flat: one block plus at most ``maxLineBytes`` of an unfinished line. Only lines
/// that contain a rule's literal are decoded and given to regular expressions. A line that no
/// layout matches continues the entry of the nearest earlier line that one matches; its
/// finding carries that line's time, level, thread, logger and product.
public struct LogScanner: Sendable {
  /// The compiled rule set every line is matched against.
  public let matcher: RuleMatcher
  /// How much of one line is kept for matching; the rest of a longer line is read and counted
  /// but not matched. The rule set's `max_line_bytes` unless the scanner is given another.
  public var maxLineBytes: Int
  /// How many bytes are read from the input at once.
  public var blockBytes: Int
  /// Lines of context each finding carries before and after it (``Finding/before``,
  /// ``Finding/after``); 0 for none. A finding with context is delivered once the lines after
  /// it have been read, or the input ended.
  public var contextLines: Int
  /// How many blocks are explained at once, on as many cores; the findings and their order
  /// are the same for any number. A scan with context, or fed by its owner (``stream(source:fileName:)``,
  /// `--follow`), runs on one core.
  public var jobs: Int
  /// Which literal pass finds the lines worth reading (``LiteralPass``).
  public var literalPass = LiteralPass.standard
  /// The first `leadBytes` bytes of each scan are the lines before a part of a larger file
  /// (a split of it), ending with a line feed: read only for the entry that the part's first
  /// lines continue, neither explained nor counted; line numbers start after them. A scan
  /// with a lead runs on one core.
  public var leadBytes = 0
  /// Added to every line number: the lines of a larger file before this part of it. A scan
  /// with an offset runs on one core.
  public var lineOffset = 0

  /// A scanner with the given limits; each is raised to its smallest sensible value (1 byte,
  /// no context, one job, no lead).
  public init(
    matcher: RuleMatcher, maxLineBytes: Int? = nil, blockBytes: Int = 1 << 20,
    contextLines: Int = 0, jobs: Int = 1, leadBytes: Int = 0
  ) {
    self.matcher = matcher
    self.maxLineBytes = max(1, maxLineBytes ?? matcher.ruleSet.maxLineBytes)
    self.blockBytes = max(1, blockBytes)
    self.contextLines = max(0, contextLines)
    self.jobs = max(1, jobs)
    self.leadBytes = max(0, leadBytes)
  }

  /// Scans an open file descriptor to its end.
  public func scan(
    fileDescriptor: Int32, source: String, onFinding: (Finding) throws -> Void
  ) throws -> ScanStatistics {
    try scan(source: source, onFinding: onFinding) { buffer in
      while true {
        let count = read(fileDescriptor, buffer.baseAddress, buffer.count)
        if count >= 0 { return count }
        if errno == EINTR { continue }
        throw ReadError(source: source, reason: String(cString: strerror(errno)))
      }
    }
  }

  /// Scans text held in memory.
  public func scan(
    text: String, source: String, onFinding: (Finding) throws -> Void
  ) throws -> ScanStatistics {
    let bytes = Array(text.utf8)
    var position = 0
    return try scan(source: source, onFinding: onFinding) { buffer in
      let count = min(buffer.count, bytes.count - position)
      for index in 0..<count { buffer[index] = bytes[position + index] }
      position += count
      return count
    }
  }

  /// The scanning loop over any byte source; `read` fills the buffer it is given and returns
  /// the count, 0 at the end. `fileName`, when the source is not a path (an entry of an
  /// archive), is the name whose prefix may tell the product.
  public func scan(
    source: String,
    fileName: String? = nil,
    onFinding: (Finding) throws -> Void,
    read: (UnsafeMutableBufferPointer<UInt8>) throws -> Int
  ) throws -> ScanStatistics {
    if jobs > 1 && contextLines == 0 && leadBytes == 0 && lineOffset == 0 {
      return try ParallelScan(
        matcher: matcher, maxLineBytes: maxLineBytes, blockBytes: blockBytes, jobs: jobs,
        pass: literalPass
      ).scan(source: source, fileName: fileName ?? source, onFinding: onFinding, read: read)
    }
    let stream = stream(source: source, fileName: fileName)
    while true {
      let count = try read(stream.space)
      if count == 0 { break }
      try stream.received(count, onFinding: onFinding)
    }
    return try stream.finish(onFinding: onFinding)
  }

  /// A scan that its owner feeds (see ``ScanStream``).
  public func stream(source: String, fileName: String? = nil) -> ScanStream {
    ScanStream(scanner: self, source: source, fileName: fileName ?? source)
  }
}

/// A scan its owner feeds, for input that arrives over time (a file followed as it grows):
/// write bytes into ``space``, announce them with ``received(_:onFinding:)``, and end with
/// ``finish(onFinding:)``, which explains an unfinished last line.
///
/// It cuts the input with the parallel scan's ``LineCutter`` and explains it with the same
/// ``BlockExplainer``; on top it keeps the entry left open between blocks, the lead, and the
/// lines of context around findings.
public final class ScanStream {
  /// The file path, or `-` for standard input, as findings name it.
  public let source: String
  /// The name whose prefix may tell the product.
  private let fileName: String
  /// What the stream has read so far.
  public private(set) var statistics = ScanStatistics()
  private let matcher: RuleMatcher
  private let maxLineBytes: Int
  private let blockBytes: Int
  private let contextLines: Int
  private let explainer: BlockExplainer
  private let storage: UnsafeMutableBufferPointer<UInt8>
  private let base: UnsafePointer<UInt8>
  private var cutter: LineCutter
  /// The entry that the lines read so far leave open.
  private var openEntry: EntryFields?

  /// The last ``LogScanner/contextLines`` lines that ended before the buffer's start.
  private var recentLines: [String] = []
  /// Findings in input order whose lines after them are still being collected.
  private var waiting: [Finding] = []
  /// Bytes of the lead (``LogScanner/leadBytes``) still to come, and the lines and bytes it
  /// held so far.
  private var leadRemaining: Int
  private var leadLines = 0
  private let leadTotal: Int
  private let lineOffset: Int

  init(scanner: LogScanner, source: String, fileName: String) {
    self.source = source
    self.fileName = fileName
    leadRemaining = scanner.leadBytes
    leadTotal = scanner.leadBytes
    lineOffset = scanner.lineOffset
    matcher = scanner.matcher
    maxLineBytes = scanner.maxLineBytes
    blockBytes = scanner.blockBytes
    contextLines = scanner.contextLines
    explainer = BlockExplainer(
      matcher: scanner.matcher, maxLineBytes: scanner.maxLineBytes,
      tools: ScanTools(matcher: scanner.matcher, pass: scanner.literalPass))
    cutter = LineCutter(maxLineBytes: scanner.maxLineBytes)
    storage = .allocate(capacity: scanner.blockBytes + scanner.maxLineBytes)
    base = UnsafePointer(storage.baseAddress!)
  }

  deinit { storage.deallocate() }

  /// Where the next bytes go: at most one block, never empty.
  public var space: UnsafeMutableBufferPointer<UInt8> {
    UnsafeMutableBufferPointer(rebasing: storage[cutter.filled..<(cutter.filled + blockBytes)])
  }

  /// Explains the complete lines among what is held once `count` more bytes were written into
  /// ``space``.
  public func received(_ count: Int, onFinding: (Finding) throws -> Void) throws {
    guard count > 0 else { return }
    statistics.bytes += count
    if leadRemaining > 0 {
      let inLead = min(count, leadRemaining)
      leadLines += LineFeeds.count(in: base, from: cutter.filled, to: cutter.filled + inLead)
      leadRemaining -= inLead
    }
    _ = try cutter.received(count, in: storage.baseAddress!) { piece, buffer in
      try take(piece, onFinding: onFinding)
      return buffer
    }
  }

  /// Explains the unfinished last line and delivers findings still waiting for context.
  public func finish(onFinding: (Finding) throws -> Void) throws -> ScanStatistics {
    try cutter.finish(in: storage.baseAddress!) { piece, buffer in
      try take(piece, onFinding: onFinding)
      return buffer
    }
    for finding in waiting { try onFinding(finding) }
    waiting = []
    var counted = statistics
    counted.lines -= leadLines
    counted.bytes -= leadTotal - leadRemaining
    return counted
  }

  private func take(_ piece: LineCutter.Piece, onFinding: (Finding) throws -> Void) throws {
    switch piece {
    case .lineEnded:
      statistics.lines += 1
    case .lines(let count):
      let block = explainer.lines(base, count: count)
      try deliver(block, count: count, onFinding: onFinding)
      statistics.lines += block.lineFeeds
      if let entry = block.leavesEntry { openEntry = entry }
      if contextLines > 0 { recentLines = context(before: count) }
    case .overLongLine(let count):
      let block = explainer.line(base, count: count, cut: true)
      try deliver(block, count: count, onFinding: onFinding)
      if let entry = block.leavesEntry { openEntry = entry }
      if contextLines > 0 {
        recentLines = Array((recentLines + [text(0, count)]).suffix(contextLines))
      }
    case .lastLine(let count):
      try deliver(
        explainer.line(base, count: count, cut: false), count: count, onFinding: onFinding)
    }
  }

  /// The findings of the piece `0..<count` of the buffer, completed with their entries and
  /// context; a finding whose lines after it are still to come waits.
  private func deliver(
    _ block: BlockResult, count: Int, onFinding: (Finding) throws -> Void
  ) throws {
    // Where the next line not yet given to waiting findings as context starts.
    var position = 0
    for found in block.findings {
      let number = statistics.lines + found.line
      // A line of the lead is only read for entries.
      if leadRemaining > 0 || number <= leadLines { continue }
      let entry = found.entry(openBefore: openEntry)
      if entry == nil && leadTotal > 0 { statistics.entryBeforeLead = true }
      let match = matcher.complete(found.partial, entry: entry, source: fileName)
      var finding = Finding(
        problem: match.problem, rule: match.rule, basis: match.basis, source: source,
        line: number - leadLines + lineOffset, text: found.text, fields: match.fields)
      guard contextLines > 0 else {
        try onFinding(finding)
        continue
      }
      position = try giveWaiting(from: position, through: found.start, count: count, onFinding)
      finding.before = context(before: found.start)
      waiting.append(finding)
    }
    if contextLines > 0 {
      _ = try giveWaiting(from: position, through: count, count: count, onFinding)
    }
  }

  /// Gives the lines of `0..<count` that start from `position` up to and including the one
  /// starting at `last` to the waiting findings as lines after them, delivering those that have
  /// all they need; returns where the next line starts.
  private func giveWaiting(
    from position: Int, through last: Int, count: Int, _ onFinding: (Finding) throws -> Void
  ) throws -> Int {
    var start = position
    while start <= last && start < count {
      let end =
        memchr(base + start, 0x0A, count - start).map {
          UnsafeRawPointer($0) - UnsafeRawPointer(base)
        } ?? count
      if waiting.isEmpty { return last < count ? nextLine(after: last, count: count) : count }
      let line = text(start, min(end, start + maxLineBytes))
      for index in waiting.indices { waiting[index].after.append(line) }
      while let first = waiting.first, first.after.count >= contextLines {
        try onFinding(first)
        waiting.removeFirst()
      }
      start = end + 1
    }
    return start
  }

  /// Where the line after the one starting at `start` starts.
  private func nextLine(after start: Int, count: Int) -> Int {
    memchr(base + start, 0x0A, count - start).map {
      UnsafeRawPointer($0) - UnsafeRawPointer(base) + 1
    } ?? count
  }

  private func bytes(_ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: storage[start..<end])
  }

  /// The line `start..<end` as a finding shows it: carriage return dropped, cut.
  private func text(_ start: Int, _ end: Int) -> String {
    var stop = end
    if stop > start && storage[stop - 1] == 0x0D { stop -= 1 }
    return Finding.shortened(String(decoding: bytes(start, stop), as: UTF8.self))
  }

  /// Up to ``LogScanner/contextLines`` lines before the one starting at `lineStart`.
  private func context(before lineStart: Int) -> [String] {
    var lines: [String] = []
    var end = lineStart
    while lines.count < contextLines && end > 0 {
      let feed = end - 1
      var begin = feed
      while begin > 0 && base[begin - 1] != 0x0A { begin -= 1 }
      lines.append(text(begin, min(feed, begin + maxLineBytes)))
      end = begin
    }
    lines.reverse()
    if lines.count < contextLines {
      lines = Array(recentLines.suffix(contextLines - lines.count)) + lines
    }
    return lines
  }
}
