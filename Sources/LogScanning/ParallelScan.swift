import Dispatch
import Foundation
import LogRules
import RuleMatching

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A scan on several cores: the reading thread cuts the input into blocks at line feeds, jobs
/// explain the blocks (``BlockExplainer``), and the reading thread merges their findings back
/// in input order, so the output is that of one core.
///
/// A job cannot know the entry its first lines continue (it began in an earlier block): such
/// findings are completed at the merge with the entry that the blocks before left open.
/// Context (`--context`) is not read here: scans with context run on one core.
struct ParallelScan {
  let matcher: RuleMatcher
  let maxLineBytes: Int
  let blockBytes: Int
  let jobs: Int
  let pass: LiteralPass

  func scan(
    source: String, fileName: String, onFinding: (Finding) throws -> Void,
    read: (UnsafeMutableBufferPointer<UInt8>) throws -> Int
  ) throws -> ScanStatistics {
    var statistics = ScanStatistics()
    let capacity = blockBytes + maxLineBytes
    let tools = ToolPool(matcher: matcher, pass: pass)
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
      for found in job.result.findings {
        let match = matcher.complete(
          found.partial, entry: found.entry(openBefore: openEntry), source: fileName)
        try onFinding(
          Finding(
            problem: match.problem, rule: match.rule, basis: match.basis, source: source,
            line: statistics.lines + found.line, text: found.text, fields: match.fields))
      }
      statistics.lines += job.result.lineFeeds
      if let entry = job.result.leavesEntry { openEntry = entry }
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
          job.run(BlockExplainer(matcher: matcher, maxLineBytes: maxLineBytes, tools: tool))
          tools.give(tool)
          job.done.signal()
        }
      } else {
        job.done.signal()
      }
      while pending.count > jobs + 1 { try mergeOldest() }
    }

    var cutter = LineCutter(maxLineBytes: maxLineBytes)
    func take(_ piece: LineCutter.Piece, _ base: UnsafeMutablePointer<UInt8>) throws
      -> UnsafeMutablePointer<UInt8>
    {
      let block = UnsafeMutableBufferPointer(start: base, count: capacity)
      switch piece {
      case .lineEnded:
        try submit(BlockJob(lineFeeds: 1))
        return base
      case .lines(let count):
        let next = try takeBuffer()
        try submit(BlockJob(buffer: block, count: count, kind: .lines))
        return next.baseAddress!
      case .overLongLine(let count):
        let next = try takeBuffer()
        try submit(BlockJob(buffer: block, count: count, kind: .overLongLine))
        return next.baseAddress!
      case .lastLine(let count):
        try submit(BlockJob(buffer: block, count: count, kind: .lastLine))
        return base
      }
    }
    var base = try takeBuffer().baseAddress!
    while true {
      let count = try read(
        UnsafeMutableBufferPointer(start: base + cutter.filled, count: blockBytes))
      if count == 0 { break }
      statistics.bytes += count
      base = try cutter.received(count, in: base, take: take)
    }
    let ended = cutter.filled > 0
    try cutter.finish(in: base, take: take)
    if !ended { free.append(UnsafeMutableBufferPointer(start: base, count: capacity)) }
    while !pending.isEmpty { try mergeOldest() }
    return statistics
  }
}

/// Tools kept for the jobs to come, so that each job does not allocate its own.
final class ToolPool: @unchecked Sendable {
  // `idle` is only touched under `lock`.
  private let lock = NSLock()
  private var idle: [ScanTools] = []
  private let matcher: RuleMatcher
  private let pass: LiteralPass

  init(matcher: RuleMatcher, pass: LiteralPass) {
    self.matcher = matcher
    self.pass = pass
  }

  func take() -> ScanTools {
    lock.lock()
    let tools = idle.popLast()
    lock.unlock()
    return tools ?? ScanTools(matcher: matcher, pass: pass)
  }

  func give(_ tools: ScanTools) {
    lock.lock()
    idle.append(tools)
    lock.unlock()
  }
}

/// One block of the parallel scan and what it held.
final class BlockJob: @unchecked Sendable {
  // `result` is written by the job before `done` is signalled, read by the merge after.
  enum Kind {
    /// Complete lines, each ending with a line feed.
    case lines
    /// The first bytes of a line longer than the line limit.
    case overLongLine
    /// The last line of the input, without a line feed.
    case lastLine
  }

  let buffer: UnsafeMutableBufferPointer<UInt8>?
  let count: Int
  let kind: Kind
  let done = DispatchSemaphore(value: 0)
  private(set) var result = BlockResult()

  init(buffer: UnsafeMutableBufferPointer<UInt8>, count: Int, kind: Kind) {
    self.buffer = buffer
    self.count = count
    self.kind = kind
  }

  /// Only counts lines (the end of an over-long line).
  init(lineFeeds: Int) {
    buffer = nil
    count = 0
    kind = .lines
    result.lineFeeds = lineFeeds
  }

  func run(_ explainer: BlockExplainer) {
    guard let buffer, let base = UnsafePointer(buffer.baseAddress) else { return }
    switch kind {
    case .lines: result = explainer.lines(base, count: count)
    case .overLongLine: result = explainer.line(base, count: count, cut: true)
    case .lastLine: result = explainer.line(base, count: count, cut: false)
    }
  }
}
