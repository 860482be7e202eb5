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
    var statistics = ScanStatistics()
    var filled = 0
    var lineStart = 0
    var state = 0
    var hits: Set<Int32> = []
    // Set while the rest of an over-long line is being read past.
    var skippingRest = false

    func finishLine(end: Int) throws {
      statistics.lines += 1
      defer { hits.removeAll(keepingCapacity: true) }
      if skippingRest {
        skippingRest = false
        return
      }
      guard !hits.isEmpty else { return }
      var stop = end
      if stop > lineStart && storage[stop - 1] == 0x0D { stop -= 1 }
      let text = String(
        decoding: UnsafeBufferPointer(rebasing: storage[lineStart..<stop]), as: UTF8.self)
      guard let match = matcher.match(line: text, literals: hits, source: source) else { return }
      try onFinding(
        Finding(
          problem: match.problem, rule: match.rule, source: source, line: statistics.lines,
          text: String(text.prefix(Finding.maxTextLength)), fields: match.fields))
    }

    while true {
      let count = try read(UnsafeMutableBufferPointer(rebasing: storage[filled..<capacity]))
      if count == 0 { break }
      statistics.bytes += count
      let newBytes = UnsafeBufferPointer(rebasing: storage[filled..<(filled + count)])
      let base = filled
      var failure: Error?
      matcher.automaton.scan(
        newBytes, state: &state,
        found: { literal in if !skippingRest { hits.insert(literal) } },
        lineFeed: { offset in
          guard failure == nil else { return }
          do { try finishLine(end: base + offset) } catch { failure = error }
          lineStart = base + offset + 1
        })
      if let failure { throw failure }
      filled += count
      if lineStart > 0 {
        // Keep only the unfinished line, at the front.
        let rest = filled - lineStart
        if rest > 0 {
          storage.baseAddress!.update(from: storage.baseAddress! + lineStart, count: rest)
        }
        filled = rest
        lineStart = 0
      }
      if filled >= maxLineBytes {
        // An over-long line: explain what was kept, then read past the rest of it.
        if !skippingRest {
          let line = statistics.lines
          try finishLine(end: filled)
          statistics.lines = line
        }
        skippingRest = true
        filled = 0
      }
    }
    if filled > 0 || skippingRest { try finishLine(end: filled) }
    return statistics
  }
}
