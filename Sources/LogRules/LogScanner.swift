#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One explained log line.
public struct Finding: Sendable, Equatable {
  public var problem: String
  public var rule: String
  /// The file path, or `-` for standard input.
  public var source: String
  /// 1-based line number.
  public var line: Int
  /// The line as read (invalid UTF-8 replaced), cut at ``Finding/maxTextLength`` characters.
  public var text: String
  public var fields: [String: String]

  public static let maxTextLength = 2_000

  /// `text` cut at ``maxTextLength`` characters; a line of fewer bytes has fewer characters,
  /// so it needs no counting.
  static func shortened(_ text: String) -> String {
    text.utf8.count <= maxTextLength ? text : String(text.prefix(maxTextLength))
  }

  public init(
    problem: String, rule: String, source: String, line: Int, text: String,
    fields: [String: String]
  ) {
    self.problem = problem
    self.rule = rule
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
  public init() {}
}

/// A stream could not be read.
public struct ReadError: Error, Sendable, CustomStringConvertible {
  public var source: String
  public var reason: String
  public var description: String { "\(source): \(reason)" }
}

/// Reads a stream block by block and explains every line that a rule matches.
///
/// Memory stays flat: one block plus at most ``maxLineBytes`` of an unfinished line. Only lines
/// that contain a rule's literal are decoded and given to regular expressions.
public struct LogScanner: Sendable {
  public let matcher: RuleMatcher
  /// How much of one line is kept for matching; the rest of a longer line is read and counted
  /// but not matched.
  public var maxLineBytes: Int
  public var blockBytes: Int

  public init(matcher: RuleMatcher, maxLineBytes: Int = 1 << 20, blockBytes: Int = 1 << 20) {
    self.matcher = matcher
    self.maxLineBytes = max(1, maxLineBytes)
    self.blockBytes = max(1, blockBytes)
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
  /// the count, 0 at the end.
  public func scan(
    source: String,
    onFinding: (Finding) throws -> Void,
    read: (UnsafeMutableBufferPointer<UInt8>) throws -> Int
  ) throws -> ScanStatistics {
    let capacity = blockBytes + maxLineBytes
    let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
    defer { storage.deallocate() }
    let base = UnsafePointer(storage.baseAddress!)
    var statistics = ScanStatistics()
    var filled = 0
    // Set while the rest of an over-long line is being read past.
    var skippingRest = false

    /// Explains the line `start..<end` (without its line feed) as line `number`.
    func explain(start: Int, end: Int, number: Int) throws {
      let found = matcher.automaton.literals(
        in: UnsafeBufferPointer(rebasing: storage[start..<end]))
      guard !found.isEmpty else { return }
      var stop = end
      if stop > start && storage[stop - 1] == 0x0D { stop -= 1 }
      let text = String(
        decoding: UnsafeBufferPointer(rebasing: storage[start..<stop]), as: UTF8.self)
      guard let match = matcher.match(line: text, literals: found, source: source) else { return }
      try onFinding(
        Finding(
          problem: match.problem, rule: match.rule, source: source, line: number,
          text: Finding.shortened(text), fields: match.fields))
    }

    /// Explains the lines of `start..<end`, each ending with a line feed except, at the end of
    /// the input, the last. Only lines where the prefilter sees a literal are read whole.
    func explainLines(start: Int, end: Int) throws {
      var position = start
      var counted = start
      var linesBefore = statistics.lines
      while position < end {
        let hit: Int
        if let prefilter = matcher.prefilter {
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
        try explain(
          start: lineStart, end: min(lineEnd, lineStart + maxLineBytes), number: linesBefore + 1)
        position = lineEnd + 1
      }
      statistics.lines += LineFeeds.count(in: base, from: start, to: end)
    }

    while true {
      let count = try read(
        UnsafeMutableBufferPointer(rebasing: storage[filled..<min(capacity, filled + blockBytes)]))
      if count == 0 { break }
      statistics.bytes += count
      var start = filled
      filled += count
      if skippingRest {
        guard let feed = UnsafeBufferPointer(rebasing: storage[start..<filled]).firstIndex(of: 0x0A)
        else {
          filled = 0
          continue
        }
        statistics.lines += 1
        skippingRest = false
        storage.baseAddress!.update(
          from: storage.baseAddress! + start + feed + 1, count: filled - start - feed - 1)
        filled -= start + feed + 1
        start = 0
      }
      // Complete lines are explained now; the unfinished last one waits for more bytes. Only
      // the new bytes can hold a line feed: what was kept has none, and searching it again at
      // every read would make a long line that arrives in small reads cost quadratic time.
      if let feed = UnsafeBufferPointer(rebasing: storage[start..<filled]).lastIndex(of: 0x0A) {
        let lastFeed = start + feed
        try explainLines(start: 0, end: lastFeed + 1)
        let rest = filled - lastFeed - 1
        if rest > 0 {
          storage.baseAddress!.update(from: storage.baseAddress! + lastFeed + 1, count: rest)
        }
        filled = rest
      }
      if filled >= maxLineBytes {
        // An over-long line: explain exactly its first `maxLineBytes` bytes, however the input
        // arrived, then read past the rest of it.
        try explain(start: 0, end: maxLineBytes, number: statistics.lines + 1)
        skippingRest = true
        filled = 0
      }
    }
    if filled > 0 {
      try explain(start: 0, end: filled, number: statistics.lines + 1)
      statistics.lines += 1
    } else if skippingRest {
      statistics.lines += 1
    }
    return statistics
  }
}
