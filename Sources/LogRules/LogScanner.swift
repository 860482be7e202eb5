import KnowledgeBase

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One explained log line.
public struct Finding: Sendable, Equatable {
  public var problem: String
  public var rule: String
  /// What the winning rule recognised the problem by.
  public var basis: Basis
  /// The file path, or `-` for standard input; `archive!entry` for an entry of an archive.
  public var source: String
  /// 1-based line number.
  public var line: Int
  /// The line as read (invalid UTF-8 replaced), cut at ``Finding/maxTextLength`` characters.
  public var text: String
  public var fields: [String: String]
  /// The lines before and after this one (`grep -C`), when the scanner keeps context; each
  /// cut as ``text`` is.
  public var before: [String] = []
  public var after: [String] = []

  public static let maxTextLength = 2_000

  /// `text` cut at ``maxTextLength`` characters; a line of fewer bytes has fewer characters,
  /// so it needs no counting.
  static func shortened(_ text: String) -> String {
    text.utf8.count <= maxTextLength ? text : String(text.prefix(maxTextLength))
  }

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
  public var lines = 0
  public var bytes = 0
  /// With a lead (``LogScanner/leadBytes``): a finding continues an entry that no line of the
  /// lead or after it starts, so the entry may have begun before the lead.
  public var entryBeforeLead = false
  public init() {}

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
  public var source: String
  public var reason: String
  public var description: String { "\(source): \(reason)" }

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
  public let matcher: RuleMatcher
  /// How much of one line is kept for matching; the rest of a longer line is read and counted
  /// but not matched.
  public var maxLineBytes: Int
  public var blockBytes: Int
  /// Lines of context each finding carries before and after it (``Finding/before``,
  /// ``Finding/after``); 0 for none. A finding with context is delivered once the lines after
  /// it have been read, or the input ended.
  public var contextLines: Int
  /// How many blocks are explained at once, on as many cores; the findings and their order
  /// are the same for any number. A scan with context, or fed by its owner (``stream(source:fileName:)``,
  /// `--follow`), runs on one core.
  public var jobs: Int
  /// The smallest block worth compiling the Vectorscan database for; smaller inputs (a pasted
  /// line) are read by the literal prefilter. 0 uses Vectorscan for every block (tests, fuzzing).
  public var vectorscanBytes = 64 * 1024
  /// The first `leadBytes` bytes of each scan are the lines before a part of a larger file
  /// (a split of it), ending with a line feed: read only for the entry that the part's first
  /// lines continue, neither explained nor counted; line numbers start after them. A scan
  /// with a lead runs on one core.
  public var leadBytes = 0
  /// Added to every line number: the lines of a larger file before this part of it. A scan
  /// with an offset runs on one core.
  public var lineOffset = 0

  public init(
    matcher: RuleMatcher, maxLineBytes: Int = 1 << 20, blockBytes: Int = 1 << 20,
    contextLines: Int = 0, jobs: Int = 1, leadBytes: Int = 0
  ) {
    self.matcher = matcher
    self.maxLineBytes = max(1, maxLineBytes)
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
        vectorscanBytes: vectorscanBytes
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
public final class ScanStream {
  public let source: String
  /// The name whose prefix may tell the product.
  private let fileName: String
  public private(set) var statistics = ScanStatistics()
  private let matcher: RuleMatcher
  private let maxLineBytes: Int
  private let blockBytes: Int
  private let contextLines: Int
  private let vectorscanBytes: Int
  private let storage: UnsafeMutableBufferPointer<UInt8>
  private let base: UnsafePointer<UInt8>
  private var filled = 0
  /// Set while the rest of an over-long line is being read past.
  private var skippingRest = false

  /// The entry that lines starting before `entryKnownAt` in the buffer leave open: the
  /// nearest earlier line that starts an entry is found by walking back only to there.
  private var entryKnownAt = 0
  private var knownEntry: EntryFields?

  /// The last ``LogScanner/contextLines`` lines that ended before the buffer's start.
  private var recentLines: [String] = []
  /// Findings in input order whose lines after them are still being collected.
  private var waiting: [Finding] = []
  private let scratch = MatchScratch()
  /// Vectorscan's pass over a block, once a block was large enough to be worth compiling for.
  private var literalScanner: LiteralScanner?
  private var literalScannerTried = false
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
    vectorscanBytes = scanner.vectorscanBytes
    storage = .allocate(capacity: scanner.blockBytes + scanner.maxLineBytes)
    base = UnsafePointer(storage.baseAddress!)
  }

  deinit { storage.deallocate() }

  /// Where the next bytes go: at most one block, never empty.
  public var space: UnsafeMutableBufferPointer<UInt8> {
    UnsafeMutableBufferPointer(rebasing: storage[filled..<(filled + blockBytes)])
  }

  /// Explains the complete lines among what is held once `count` more bytes were written into
  /// ``space``.
  public func received(_ count: Int, onFinding: (Finding) throws -> Void) throws {
    guard count > 0 else { return }
    statistics.bytes += count
    var start = filled
    filled += count
    if leadRemaining > 0 {
      let inLead = min(count, leadRemaining)
      leadLines += LineFeeds.count(in: base, from: start, to: start + inLead)
      leadRemaining -= inLead
    }
    if skippingRest {
      // memchr: the rest of a huge line (a gzip bomb inflates to one) is searched at its speed.
      guard let found = memchr(base + start, 0x0A, filled - start) else {
        filled = 0
        return
      }
      statistics.lines += 1
      skippingRest = false
      moveToFront(from: UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1)
      start = 0
    }
    // Complete lines are explained now; the unfinished last one waits for more bytes. Only
    // the new bytes can hold a line feed: what was kept has none, and searching it again at
    // every read would make a long line that arrives in small reads cost quadratic time.
    if let feed = UnsafeBufferPointer(rebasing: storage[start..<filled]).lastIndex(of: 0x0A) {
      let end = start + feed + 1
      try explainLines(start: 0, end: end, onFinding: onFinding)
      carry(upTo: end)
      moveToFront(from: end)
    }
    if filled >= maxLineBytes {
      // An over-long line: explain exactly its first `maxLineBytes` bytes, however the input
      // arrived, then read past the rest of it.
      try visit(start: 0, end: maxLineBytes, number: statistics.lines + 1, onFinding: onFinding)
      if let entry = matcher.entryFields(ofBytes: bytes(0, maxLineBytes), scratch: scratch) {
        knownEntry = entry
      }
      if contextLines > 0 { remember([text(0, maxLineBytes)]) }
      skippingRest = true
      filled = 0
    }
  }

  /// Explains the unfinished last line and delivers findings still waiting for context.
  public func finish(onFinding: (Finding) throws -> Void) throws -> ScanStatistics {
    if filled > 0 {
      try visit(start: 0, end: filled, number: statistics.lines + 1, onFinding: onFinding)
      statistics.lines += 1
      filled = 0
    } else if skippingRest {
      statistics.lines += 1
      skippingRest = false
    }
    for finding in waiting { try onFinding(finding) }
    waiting = []
    var counted = statistics
    counted.lines -= leadLines
    counted.bytes -= leadTotal - leadRemaining
    return counted
  }

  private func moveToFront(from position: Int) {
    let rest = filled - position
    if rest > 0 { storage.baseAddress!.update(from: storage.baseAddress! + position, count: rest) }
    filled = rest
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

  /// Where the line that ends with the line feed at `feed` starts, not before `floor`.
  private func startOfLine(endingAt feed: Int, floor: Int) -> Int {
    var begin = feed
    while begin > floor && base[begin - 1] != 0x0A { begin -= 1 }
    return begin
  }

  /// Explains the lines of `start..<end`, each ending with a line feed. Only lines where the
  /// prefilter sees a literal are read whole, except the lines after a finding that waits for
  /// context.
  private func explainLines(start: Int, end: Int, onFinding: (Finding) throws -> Void) throws {
    var position = start
    var counted = start
    var linesBefore = statistics.lines
    let hits = triggerLines(from: start, to: end)
    var cursor = 0
    while position < end {
      let hit: Int
      if !waiting.isEmpty {
        hit = position
      } else if let hits {
        while cursor < hits.count && hits[cursor] < position { cursor += 1 }
        guard cursor < hits.count else { break }
        hit = hits[cursor]
      } else if let prefilter = matcher.prefilter {
        guard let next = prefilter.firstOccurrence(in: base, from: position, to: end) else {
          break
        }
        hit = next
      } else {
        hit = position
      }
      var lineStart = hit
      while lineStart > position && base[lineStart - 1] != 0x0A { lineStart -= 1 }
      var lineEnd = hit
      while lineEnd < end && base[lineEnd] != 0x0A { lineEnd += 1 }
      linesBefore += LineFeeds.count(in: base, from: counted, to: lineStart)
      counted = lineStart
      try visit(
        start: lineStart, end: min(lineEnd, lineStart + maxLineBytes), number: linesBefore + 1,
        onFinding: onFinding)
      position = lineEnd + 1
    }
    statistics.lines += LineFeeds.count(in: base, from: start, to: end)
  }

  /// An offset in each line of `from..<to` that holds a rule's trigger literal, by Vectorscan;
  /// nil for small inputs until a large block arrives (then the prefilter reads them).
  private func triggerLines(from: Int, to: Int) -> [Int]? {
    if literalScanner == nil && !literalScannerTried && to - from >= vectorscanBytes {
      literalScannerTried = true
      literalScanner = LiteralScanner(matcher.literalDatabase)
    }
    return literalScanner?.lines(in: base, from: from, to: to)
  }

  /// One line: it completes the context of waiting findings, then is explained.
  private func visit(
    start: Int, end: Int, number: Int, onFinding: (Finding) throws -> Void
  ) throws {
    if !waiting.isEmpty {
      let line = text(start, end)
      for index in waiting.indices { waiting[index].after.append(line) }
      while let first = waiting.first, first.after.count >= contextLines {
        try onFinding(first)
        waiting.removeFirst()
      }
    }
    try explain(start: start, end: end, number: number, onFinding: onFinding)
  }

  /// Explains the line `start..<end` (without its line feed) as line `number`.
  private func explain(
    start: Int, end: Int, number: Int, onFinding: (Finding) throws -> Void
  ) throws {
    // A line of the lead is only read for entries (the walk back reaches it).
    if leadRemaining > 0 || number <= leadLines { return }
    let found = matcher.automaton.literals(in: bytes(start, end))
    guard !found.isEmpty else { return }
    var stop = end
    if stop > start && storage[stop - 1] == 0x0D { stop -= 1 }
    guard let partial = matcher.partialMatch(bytes(start, stop), literals: found, scratch: scratch)
    else { return }
    let entry = partial.ownEntry ?? entry(before: start)
    if entry == nil && leadTotal > 0 { statistics.entryBeforeLead = true }
    let match = matcher.complete(partial, entry: entry, source: fileName)
    var finding = Finding(
      problem: match.problem, rule: match.rule, basis: match.basis, source: source,
      line: number - leadLines + lineOffset,
      text: Finding.shortened(String(decoding: bytes(start, stop), as: UTF8.self)),
      fields: match.fields)
    guard contextLines > 0 else { return try onFinding(finding) }
    finding.before = context(before: start)
    waiting.append(finding)
  }

  /// The entry that the line starting at `lineStart` continues: the nearest earlier line that
  /// a layout matches, looked for back to where the last search began.
  private func entry(before lineStart: Int) -> EntryFields? {
    var end = lineStart
    var found: EntryFields?
    while found == nil && end > entryKnownAt {
      let feed = end - 1
      let begin = startOfLine(endingAt: feed, floor: entryKnownAt)
      found = matcher.entryFields(
        ofBytes: bytes(begin, min(feed, begin + maxLineBytes)), scratch: scratch)
      end = begin
    }
    if let found { knownEntry = found }
    entryKnownAt = lineStart
    return knownEntry
  }

  /// Up to ``LogScanner/contextLines`` lines before the one starting at `lineStart`.
  private func context(before lineStart: Int) -> [String] {
    var lines: [String] = []
    var end = lineStart
    while lines.count < contextLines && end > 0 {
      let feed = end - 1
      let begin = startOfLine(endingAt: feed, floor: 0)
      lines.append(text(begin, min(feed, begin + maxLineBytes)))
      end = begin
    }
    lines.reverse()
    if lines.count < contextLines {
      lines = Array(recentLines.suffix(contextLines - lines.count)) + lines
    }
    return lines
  }

  /// Before the complete lines of `0..<end` leave the buffer: the entry they leave open, and
  /// their last lines for the context of findings to come.
  private func carry(upTo end: Int) {
    _ = entry(before: end)
    entryKnownAt = 0
    if contextLines > 0 { recentLines = context(before: end) }
  }

  private func remember(_ lines: [String]) {
    recentLines = Array((recentLines + lines).suffix(contextLines))
  }
}
