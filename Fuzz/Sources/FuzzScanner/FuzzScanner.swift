import Catalogue
import KnowledgeBase
import LogRules
import LogScanning
import RuleMatching
import TestSupport

// libFuzzer target for the line scanner and field extraction.
//
// The input is a log stream. It is scanned four ways, which must agree exactly:
// 1. through `LogScanner` with small blocks and short reads (sizes drawn from a hash of the
//    input, as a pipe or a slow disk would deliver them), on one or several jobs, with the
//    Vectorscan pass or the prefilter;
// 2. through `LogScanner` with one large block and the Vectorscan pass, on one job;
// 3. the same on three jobs with small blocks;
// 4. line by line with the reference matcher (ICU), `RuleMatcher.match(line:source:entry:)`,
//    each line cut at `maxLineBytes`, each carrying the entry of the last line a layout matched.
// Any crash, sanitizer report or disagreement stops the fuzzer with the input that caused it.

/// The rules `lookup` uses by default.
let matcher: RuleMatcher = {
  do { return try RuleMatcher(RuleSet(catalogue: .applinks)) } catch {
    fatalError("the built-in rule set does not compile: \(error)")
  }
}()

/// The same rules on ICU, one line at a time: what the scan must agree with.
let referenceMatcher: RuleMatcher = {
  do { return try RuleMatcher(RuleSet(catalogue: .applinks), engine: .reference) } catch {
    fatalError("the built-in rule set does not compile: \(error)")
  }
}()

/// A small deterministic generator (SplitMix64), seeded from the input.
struct Generator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
  mutating func next(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.count))
  }
}

/// FNV-1a: the same input always gets the same block sizes, so a crash reproduces.
func hash(_ bytes: [UInt8]) -> UInt64 {
  var value: UInt64 = 0xCBF2_9CE4_8422_2325
  for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01B3 }
  return value
}

/// Scans `bytes`, delivering at most `chunk()` bytes per read.
func scan(
  _ bytes: [UInt8], blockBytes: Int, maxLineBytes: Int, jobs: Int, vectorscan: Bool,
  chunk: @escaping () -> Int
) -> ([Finding], ScanStatistics) {
  var scanner = LogScanner(
    matcher: matcher, maxLineBytes: maxLineBytes, blockBytes: blockBytes, jobs: jobs)
  scanner.literalPass = vectorscan ? .always : .never
  var findings: [Finding] = []
  var position = 0
  let read: (UnsafeMutableBufferPointer<UInt8>) -> Int = { buffer in
    check(buffer.count > 0, "the scanner asked for 0 bytes")
    let count = min(buffer.count, bytes.count - position, max(1, chunk()))
    for index in 0..<count { buffer[index] = bytes[position + index] }
    position += count
    return count
  }
  do {
    let statistics = try scanner.scan(
      source: "fuzz.log", onFinding: { findings.append($0) }, read: read)
    return (findings, statistics)
  } catch {
    fatalError("a scan over memory threw: \(error)")
  }
}

/// What the scanner should report: every line on its own, cut at `maxLineBytes`.
func reference(_ bytes: [UInt8], maxLineBytes: Int) -> ([Finding], Int) {
  var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
  if lines.last?.isEmpty == true { lines.removeLast() }
  var findings: [Finding] = []
  // A line that no layout matches continues the entry of the last line that one matched.
  var entry: EntryFields?
  for (index, line) in lines.enumerated() {
    var cut = line.prefix(maxLineBytes)
    if cut.last == 0x0D { cut.removeLast() }
    let text = String(decoding: cut, as: UTF8.self)
    defer { entry = referenceMatcher.entryFields(of: text) ?? entry }
    guard let match = referenceMatcher.match(line: text, source: "fuzz.log", entry: entry) else {
      continue
    }
    findings.append(
      Finding(
        problem: match.problem, rule: match.rule, basis: match.basis, source: "fuzz.log",
        line: index + 1,
        text: String(text.prefix(Finding.maxTextLength)), fields: match.fields))
  }
  return (findings, lines.count)
}

/// Field decoding on its own, with the input as every field value.
func decodeFields(_ bytes: [UInt8]) {
  let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
  let parts = text.split(separator: "|", maxSplits: 1).map(String.init)
  for transform in FieldTransform.allCases {
    _ = transform.apply([text])
    _ = transform.apply(parts)
  }
  for function in DerivedFunction.allCases {
    _ = function.apply([text])
    _ = function.apply(parts.map { Optional($0) })
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  var generator = Generator(state: hash(bytes))
  let maxLineBytes = [1 << 20, 2_000, 64, 7][generator.next(in: 0...3)]
  let blockBytes = generator.next(in: 1...64)
  let jobs = generator.next(in: 1...3)
  let vectorscan = generator.next(in: 0...1) == 1
  let (small, smallStatistics) = scan(
    bytes, blockBytes: blockBytes, maxLineBytes: maxLineBytes, jobs: jobs, vectorscan: vectorscan,
    chunk: { generator.next(in: 1...97) })
  let (large, largeStatistics) = scan(
    bytes, blockBytes: 1 << 16, maxLineBytes: maxLineBytes, jobs: 1, vectorscan: true,
    chunk: { Int.max })
  let (parallel, parallelStatistics) = scan(
    bytes, blockBytes: 1 + blockBytes * 3, maxLineBytes: maxLineBytes, jobs: 3, vectorscan: true,
    chunk: { Int.max })
  let (expected, lineCount) = reference(bytes, maxLineBytes: maxLineBytes)

  check(small == large, "findings depend on the block size (\(blockBytes), \(jobs) jobs)")
  check(smallStatistics == largeStatistics, "statistics depend on the block size")
  check(parallel == large, "findings depend on the number of jobs")
  check(parallelStatistics == largeStatistics, "statistics depend on the number of jobs")
  check(large == expected, "the scanner and line-by-line matching disagree")
  check(largeStatistics.lines == lineCount, "line count \(largeStatistics.lines) ≠ \(lineCount)")
  check(largeStatistics.bytes == bytes.count, "byte count")
  for finding in large {
    check(finding.text.count <= Finding.maxTextLength, "finding text too long")
  }
  decodeFields(bytes)
  return 0
}

/// Stops with `message` when `condition` fails. Unlike `precondition`, whose message an optimized
/// build drops, the message reaches the fuzzer's log.
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fatalError(message()) }
}
