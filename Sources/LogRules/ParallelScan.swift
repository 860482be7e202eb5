import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A scan on several cores: the reading thread cuts the input into blocks at line feeds, jobs
/// explain the blocks, and the reading thread merges their findings back in input order, so
/// the output is that of one core.
///
/// A job cannot know the entry its first lines continue (it began in an earlier block): such
/// findings come back with their entry unknown and are completed at the merge with the entry
/// that the blocks before left open; each job also says which entry it leaves open itself.
/// Context (`--context`) is not read here: scans with context run on one core.
struct ParallelScan {
  let matcher: RuleMatcher
  let maxLineBytes: Int
  let blockBytes: Int
  let jobs: Int
  let vectorscanBytes: Int

  func scan(
    source: String, fileName: String, onFinding: (Finding) throws -> Void,
    read: (UnsafeMutableBufferPointer<UInt8>) throws -> Int
  ) throws -> ScanStatistics {
    var statistics = ScanStatistics()
    let capacity = blockBytes + maxLineBytes
    let tools = ToolPool(matcher: matcher, vectorscanBytes: vectorscanBytes)
    var free: [UnsafeMutableBufferPointer<UInt8>] = (0..<(jobs + 2)).map { _ in
      .allocate(capacity: capacity)
    }
    var pending: [BlockJob] = []
    var openEntry: EntryFields?
    // Every job ends before its buffers are freed, however the scan ends.
    defer {
      for job in pending {
        job.done.wait()
        if let buffer = job.buffer { free.append(buffer) }
      }
      for buffer in free { buffer.deallocate() }
    }

    func mergeOldest() throws {
      let job = pending.removeFirst()
      job.done.wait()
      if let buffer = job.buffer { free.append(buffer) }
      for found in job.findings {
        let entry = found.partial.ownEntry ?? (found.entryKnown ? found.entry : openEntry)
        let match = matcher.complete(found.partial, entry: entry, source: fileName)
        try onFinding(
          Finding(
            problem: match.problem, rule: match.rule, basis: match.basis, source: source,
            line: statistics.lines + found.line, text: found.text, fields: match.fields))
      }
      statistics.lines += job.lineFeeds
      if let entry = job.leavesEntry { openEntry = entry }
    }
    func takeBuffer() throws -> UnsafeMutableBufferPointer<UInt8> {
      while free.isEmpty { try mergeOldest() }
      return free.removeLast()
    }
    func submit(_ job: BlockJob) throws {
      pending.append(job)
      if job.buffer != nil {
        let (matcher, maxLineBytes) = (self.matcher, self.maxLineBytes)
        DispatchQueue.global(qos: .userInitiated).async {
          let tool = tools.take()
          job.run(matcher: matcher, maxLineBytes: maxLineBytes, tools: tool)
          tools.give(tool)
          job.done.signal()
        }
      } else {
        job.done.signal()
      }
      while pending.count > jobs + 1 { try mergeOldest() }
    }

    var buffer = try takeBuffer()
    var filled = 0
    var skippingRest = false
    while true {
      let count = try read(
        UnsafeMutableBufferPointer(rebasing: buffer[filled..<(filled + blockBytes)]))
      if count == 0 { break }
      statistics.bytes += count
      var start = filled
      filled += count
      let base = buffer.baseAddress!
      if skippingRest {
        guard let found = memchr(base + start, 0x0A, filled - start) else {
          filled = 0
          continue
        }
        try submit(BlockJob(lineFeeds: 1))
        skippingRest = false
        let from = UnsafeMutableRawPointer(found) - UnsafeMutableRawPointer(base) + 1
        if filled > from { base.update(from: base + from, count: filled - from) }
        filled -= from
        start = 0
      }
      if let feed = UnsafeBufferPointer(rebasing: buffer[start..<filled]).lastIndex(of: 0x0A) {
        let end = start + feed + 1
        let next = try takeBuffer()
        if filled > end { next.baseAddress!.update(from: base + end, count: filled - end) }
        try submit(BlockJob(buffer: buffer, count: end, kind: .lines))
        buffer = next
        filled -= end
      }
      if filled >= maxLineBytes {
        // An over-long line: its first `maxLineBytes` bytes are explained, the rest skipped.
        let next = try takeBuffer()
        try submit(BlockJob(buffer: buffer, count: maxLineBytes, kind: .overLongLine))
        buffer = next
        filled = 0
        skippingRest = true
      }
    }
    if filled > 0 {
      try submit(BlockJob(buffer: buffer, count: filled, kind: .lastLine))
      try submit(BlockJob(lineFeeds: 1))
    } else {
      free.append(buffer)
      if skippingRest { try submit(BlockJob(lineFeeds: 1)) }
    }
    while !pending.isEmpty { try mergeOldest() }
    return statistics
  }
}

/// What one job needs for itself: match data and a Vectorscan scratch.
final class ScanTools {
  let scratch = MatchScratch()
  private let matcher: RuleMatcher
  private var scanner: LiteralScanner?
  private var tried = false
  private let vectorscanBytes: Int

  init(matcher: RuleMatcher, vectorscanBytes: Int) {
    self.matcher = matcher
    self.vectorscanBytes = vectorscanBytes
  }

  /// Vectorscan's pass, once a block of `count` bytes makes compiling it worth while.
  func literalScanner(for count: Int) -> LiteralScanner? {
    if !tried && count >= vectorscanBytes {
      tried = true
      scanner = LiteralScanner(matcher.literalDatabase)
    }
    return scanner
  }
}

/// Tools kept for the jobs to come, so that each job does not allocate its own.
final class ToolPool: @unchecked Sendable {
  // `idle` is only touched under `lock`.
  private let lock = NSLock()
  private var idle: [ScanTools] = []
  private let matcher: RuleMatcher
  private let vectorscanBytes: Int

  init(matcher: RuleMatcher, vectorscanBytes: Int) {
    self.matcher = matcher
    self.vectorscanBytes = vectorscanBytes
  }

  func take() -> ScanTools {
    lock.lock()
    let tools = idle.popLast()
    lock.unlock()
    return tools ?? ScanTools(matcher: matcher, vectorscanBytes: vectorscanBytes)
  }

  func give(_ tools: ScanTools) {
    lock.lock()
    idle.append(tools)
    lock.unlock()
  }
}

/// One block of lines explained on its own, and what it found.
final class BlockJob: @unchecked Sendable {
  // Written by the job before `done` is signalled, read by the merge after waiting on it.
  enum Kind {
    /// Complete lines, each ending with a line feed.
    case lines
    /// The first bytes of a line longer than the line limit; it starts an entry if a layout
    /// matches them.
    case overLongLine
    /// The last line of the input, without a line feed.
    case lastLine
  }

  /// A finding whose entry may still be unknown.
  struct Found {
    var partial: RuleMatcher.PartialMatch
    /// 1-based, from the block's start.
    var line: Int
    var text: String
    var entryKnown: Bool
    var entry: EntryFields?
  }

  let buffer: UnsafeMutableBufferPointer<UInt8>?
  let count: Int
  let kind: Kind
  let done = DispatchSemaphore(value: 0)
  private(set) var findings: [Found] = []
  private(set) var lineFeeds: Int
  /// The entry the block leaves open; nil when no line of it starts one.
  private(set) var leavesEntry: EntryFields?

  // Walking back for entries, as `ScanStream` does, but never before the block's start.
  private var maxLineBytes = 1 << 20
  private var entryKnownAt = 0
  private var entryKnown = false
  private var knownEntry: EntryFields?

  init(buffer: UnsafeMutableBufferPointer<UInt8>, count: Int, kind: Kind) {
    self.buffer = buffer
    self.count = count
    self.kind = kind
    lineFeeds = 0
  }

  /// Only counts lines (the end of an over-long line).
  init(lineFeeds: Int) {
    buffer = nil
    count = 0
    kind = .lines
    self.lineFeeds = lineFeeds
  }

  func run(matcher: RuleMatcher, maxLineBytes: Int, tools: ScanTools) {
    guard let buffer, let base = UnsafePointer(buffer.baseAddress) else { return }
    self.maxLineBytes = maxLineBytes
    switch kind {
    case .overLongLine, .lastLine:
      explain(base, start: 0, end: count, number: 1, matcher: matcher, tools: tools)
      if kind == .overLongLine {
        leavesEntry = matcher.entryFields(
          ofBytes: UnsafeBufferPointer(start: base, count: count), scratch: tools.scratch)
      }
    case .lines:
      let hits = tools.literalScanner(for: count)?.lines(in: base, from: 0, to: count)
      var cursor = 0
      var position = 0
      var counted = 0
      var linesBefore = 0
      while position < count {
        let hit: Int
        if let hits {
          while cursor < hits.count && hits[cursor] < position { cursor += 1 }
          guard cursor < hits.count else { break }
          hit = hits[cursor]
        } else if let prefilter = matcher.prefilter {
          guard let next = prefilter.firstOccurrence(in: base, from: position, to: count) else {
            break
          }
          hit = next
        } else {
          hit = position
        }
        var lineStart = hit
        while lineStart > position && base[lineStart - 1] != 0x0A { lineStart -= 1 }
        var lineEnd = hit
        while lineEnd < count && base[lineEnd] != 0x0A { lineEnd += 1 }
        linesBefore += LineFeeds.count(in: base, from: counted, to: lineStart)
        counted = lineStart
        explain(
          base, start: lineStart, end: min(lineEnd, lineStart + maxLineBytes),
          number: linesBefore + 1, matcher: matcher, tools: tools)
        position = lineEnd + 1
      }
      lineFeeds = linesBefore + LineFeeds.count(in: base, from: counted, to: count)
      leavesEntry = entry(base, before: count, matcher: matcher, tools: tools).entry
    }
  }

  private func explain(
    _ base: UnsafePointer<UInt8>, start: Int, end: Int, number: Int, matcher: RuleMatcher,
    tools: ScanTools
  ) {
    let found = matcher.automaton.literals(
      in: UnsafeBufferPointer(start: base + start, count: end - start))
    guard !found.isEmpty else { return }
    var stop = end
    if stop > start && base[stop - 1] == 0x0D { stop -= 1 }
    let line = UnsafeBufferPointer(start: base + start, count: stop - start)
    guard let partial = matcher.partialMatch(line, literals: found, scratch: tools.scratch) else {
      return
    }
    var known = (known: true, entry: EntryFields?.none)
    if partial.ownEntry == nil {
      known = entry(base, before: start, matcher: matcher, tools: tools)
    }
    findings.append(
      Found(
        partial: partial, line: number,
        text: Finding.shortened(String(decoding: line, as: UTF8.self)), entryKnown: known.known,
        entry: known.entry))
  }

  /// The entry the line starting at `lineStart` continues, if a line of this block before it
  /// starts one.
  private func entry(
    _ base: UnsafePointer<UInt8>, before lineStart: Int, matcher: RuleMatcher, tools: ScanTools
  ) -> (known: Bool, entry: EntryFields?) {
    var end = lineStart
    var found: EntryFields?
    while found == nil && end > entryKnownAt {
      let feed = end - 1
      var begin = feed
      while begin > entryKnownAt && base[begin - 1] != 0x0A { begin -= 1 }
      found = matcher.entryFields(
        ofBytes: UnsafeBufferPointer(
          start: base + begin, count: min(feed, begin + maxLineBytes) - begin),
        scratch: tools.scratch)
      end = begin
    }
    if let found {
      knownEntry = found
      entryKnown = true
    }
    entryKnownAt = lineStart
    return (entryKnown, knownEntry)
  }
}
