import LogRules
import RuleMatching

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A finding of one block, whose entry may still be unknown: a block cannot see the lines
/// before it.
struct BlockFinding {
  var partial: RuleMatcher.PartialMatch
  /// 1-based, counted from the block's start.
  var line: Int
  /// Where the line starts and ends (without its line feed, cut at the line limit) in the block.
  var start: Int
  var end: Int
  var text: String
  /// Whether a line of the block before this one starts an entry (then ``entry`` is it).
  var entryKnown: Bool
  var entry: EntryFields?

  /// The entry of the line: its own, else the block's, else the one the blocks before it
  /// leave open.
  func entry(openBefore: EntryFields?) -> EntryFields? {
    partial.ownEntry ?? (entryKnown ? entry : openBefore)
  }
}

/// What a block held: its findings in order, its line feeds, and the entry it leaves open
/// (nil when no line of it starts one).
struct BlockResult {
  var findings: [BlockFinding] = []
  var lineFeeds = 0
  var leavesEntry: EntryFields?
}

/// Explains one block of input on its own: the one-core scan (``ScanStream``) and each job of
/// the parallel scan drive this same code, so both find the same lines the same way.
struct BlockExplainer {
  let matcher: RuleMatcher
  let maxLineBytes: Int
  let tools: ScanTools

  /// Complete lines, `0..<count`, each ending with a line feed.
  func lines(_ base: UnsafePointer<UInt8>, count: Int) -> BlockResult {
    var result = BlockResult()
    var walk = EntryWalk()
    var candidates = tools.candidates(in: base, from: 0, to: count)
    var position = 0
    var counted = 0
    var linesBefore = 0
    while let hit = candidates.next(from: position) {
      var lineStart = hit
      while lineStart > position && base[lineStart - 1] != 0x0A { lineStart -= 1 }
      let lineEnd =
        memchr(base + hit, 0x0A, count - hit).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
        ?? count
      linesBefore += LineFeeds.count(in: base, from: counted, to: lineStart)
      counted = lineStart
      if var found = explain(
        base, start: lineStart, end: min(lineEnd, lineStart + maxLineBytes), number: linesBefore + 1
      ) {
        if found.partial.ownEntry == nil {
          (found.entryKnown, found.entry) = walk.entry(
            base, before: lineStart, explainer: self)
        }
        result.findings.append(found)
      }
      position = lineEnd + 1
    }
    result.lineFeeds = linesBefore + LineFeeds.count(in: base, from: counted, to: count)
    result.leavesEntry = walk.entry(base, before: count, explainer: self).entry
    return result
  }

  /// One line without a line feed, `0..<count`: the first bytes of a line longer than the
  /// limit (which starts an entry if a layout matches them), or the input's last line.
  func line(_ base: UnsafePointer<UInt8>, count: Int, cut: Bool) -> BlockResult {
    var result = BlockResult()
    if let found = explain(base, start: 0, end: count, number: 1) {
      result.findings.append(found)
    }
    if cut { result.leavesEntry = entryFields(base, from: 0, to: count) }
    return result
  }

  /// Explains the line `start..<end` as the block's line `number`; its entry is left unknown.
  private func explain(_ base: UnsafePointer<UInt8>, start: Int, end: Int, number: Int)
    -> BlockFinding?
  {
    let found = matcher.automaton.literals(
      in: UnsafeBufferPointer(start: base + start, count: end - start))
    guard !found.isEmpty else { return nil }
    var stop = end
    if stop > start && base[stop - 1] == 0x0D { stop -= 1 }
    let line = UnsafeBufferPointer(start: base + start, count: stop - start)
    guard let partial = matcher.partialMatch(line, literals: found, scratch: tools.scratch) else {
      return nil
    }
    return BlockFinding(
      partial: partial, line: number, start: start, end: end,
      text: Finding.shortened(String(decoding: line, as: UTF8.self)), entryKnown: false,
      entry: nil)
  }

  fileprivate func entryFields(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> EntryFields? {
    matcher.entryFields(
      ofBytes: UnsafeBufferPointer(start: base + from, count: to - from), scratch: tools.scratch)
  }
}

/// The entry lines of a block continue, found by walking back from a line to the nearest
/// earlier line that a layout matches, never further back than the last walk began.
private struct EntryWalk {
  private var knownAt = 0
  private var known = false
  private var entry: EntryFields?

  mutating func entry(
    _ base: UnsafePointer<UInt8>, before lineStart: Int, explainer: BlockExplainer
  ) -> (known: Bool, entry: EntryFields?) {
    var end = lineStart
    var found: EntryFields?
    while found == nil && end > knownAt {
      let feed = end - 1
      var begin = feed
      while begin > knownAt && base[begin - 1] != 0x0A { begin -= 1 }
      found = explainer.entryFields(
        base, from: begin, to: min(feed, begin + explainer.maxLineBytes))
      end = begin
    }
    if let found {
      entry = found
      known = true
    }
    knownAt = lineStart
    return (known, entry)
  }
}

/// Cuts bytes as they arrive into what a block explainer reads: blocks of complete lines, the
/// first ``maxLineBytes`` bytes of a longer line (the rest is read past), and at the end the
/// last line without a line feed. The one-core stream and the parallel scan both read through
/// it, so they cut an input alike however it arrives.
struct LineCutter {
  /// A piece of input, at the start of the buffer it is handed in.
  enum Piece {
    /// `count` bytes of complete lines, each ending with a line feed.
    case lines(count: Int)
    /// The first `count` bytes of a line longer than the limit.
    case overLongLine(count: Int)
    /// A line ended that was handed over before, or read past: it is counted.
    case lineEnded
    /// The input's last line, `count` bytes without a line feed.
    case lastLine(count: Int)
  }

  let maxLineBytes: Int
  /// Bytes held at the start of the buffer: an unfinished line.
  private(set) var filled = 0
  /// Set while the rest of an over-long line is being read past.
  private var skippingRest = false

  init(maxLineBytes: Int) { self.maxLineBytes = maxLineBytes }

  /// After `count` more bytes were written at ``filled`` in `buffer`: hands each piece to
  /// `take` with the buffer holding it, and carries what remains (an unfinished line) to the
  /// start of the buffer `take` returns.
  mutating func received(
    _ count: Int, in buffer: UnsafeMutablePointer<UInt8>,
    take: (Piece, UnsafeMutablePointer<UInt8>) throws -> UnsafeMutablePointer<UInt8>
  ) throws -> UnsafeMutablePointer<UInt8> {
    var base = buffer
    var start = filled
    filled += count
    if skippingRest {
      // memchr: the rest of a huge line (a gzip bomb inflates to one) is searched at its speed.
      guard let found = memchr(base + start, 0x0A, filled - start) else {
        filled = 0
        return base
      }
      _ = try take(.lineEnded, base)
      skippingRest = false
      let from = UnsafeMutableRawPointer(found) - UnsafeMutableRawPointer(base) + 1
      if filled > from { base.update(from: base + from, count: filled - from) }
      filled -= from
      start = 0
    }
    // Only the new bytes can hold a line feed: what was kept has none, and searching it again
    // at every read would make a long line that arrives in small reads cost quadratic time.
    if let feed = UnsafeBufferPointer(start: base + start, count: filled - start).lastIndex(
      of: 0x0A)
    {
      let end = start + feed + 1
      let next = try take(.lines(count: end), base)
      if filled > end { next.update(from: base + end, count: filled - end) }
      base = next
      filled -= end
    }
    if filled >= maxLineBytes {
      base = try take(.overLongLine(count: maxLineBytes), base)
      filled = 0
      skippingRest = true
    }
    return base
  }

  /// At the end of the input: hands the unfinished last line, or the end of an over-long
  /// line, to `take`.
  mutating func finish(
    in buffer: UnsafeMutablePointer<UInt8>,
    take: (Piece, UnsafeMutablePointer<UInt8>) throws -> UnsafeMutablePointer<UInt8>
  ) throws {
    if filled > 0 {
      _ = try take(.lastLine(count: filled), buffer)
      _ = try take(.lineEnded, buffer)
    } else if skippingRest {
      _ = try take(.lineEnded, buffer)
    }
    filled = 0
    skippingRest = false
  }
}
