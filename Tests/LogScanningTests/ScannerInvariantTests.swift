import Catalogue
import LogRules
import LogScanning
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What Fuzz/FuzzScanner checks, on a fixed input: however the bytes arrive (uneven short
/// reads, small blocks), the scanner reports what matching each line on its own, cut at
/// `maxLineBytes`, reports.
@Test(arguments: [7, 64, 2_000, 1 << 20])
func unevenReadsGiveTheFindingsOfLineByLineMatching(maxLineBytes: Int) throws {
  var input: [UInt8] = []
  for (index, example) in catalogue.problems.flatMap(\.examples).enumerated() {
    input += Array(example.utf8)
    switch index % 5 {
    case 0: input += [0x0D, 0x0A]
    case 1: input += [0x00, 0xFF, 0x0A]
    case 2: input += Array(String(repeating: "x", count: 100 * index).utf8) + [0x0A]
    case 3: input += [0x0A, 0x0A]
    default: input += [0xC3, 0x0A]
    }
  }
  let lines = LineByLine.lines(of: input)
  let expected = LineByLine.findings(of: input, maxLineBytes: maxLineBytes)
  #expect(maxLineBytes < 64 || !expected.isEmpty)
  for blockBytes in [1, 13, 4096] {
    for jobs in [1, 3] {
      let scanner = LogScanner(
        matcher: matcher, maxLineBytes: maxLineBytes, blockBytes: blockBytes, jobs: jobs)
      var findings: [Finding] = []
      var position = 0
      var state: UInt64 = 0x9E37_79B9_7F4A_7C15
      let read: (UnsafeMutableBufferPointer<UInt8>) -> Int = { buffer in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let count = min(buffer.count, input.count - position, 1 + Int(state >> 58))
        for index in 0..<count { buffer[index] = input[position + index] }
        position += count
        return count
      }
      let statistics = try scanner.scan(
        source: "test.log", onFinding: { findings.append($0) }, read: read)
      #expect(findings == expected, "blocks of \(blockBytes), \(jobs) jobs")
      #expect(statistics.lines == lines.count)
      #expect(statistics.bytes == input.count)
    }
  }
}

/// A long line that arrives a byte at a time (a slow pipe) is read in linear time: the bytes
/// kept from earlier reads are not searched again for a line feed at every read. Measured as
/// work, not as time taken, so that a loaded machine cannot change the verdict: this thread's
/// CPU time (which does not count waiting for a core) for a line of 512 KiB against one of
/// 64 KiB, the least of three runs each. Linear work takes about x8 for x8 the bytes; searching
/// the kept bytes again at every read takes x64.
@Test func aLongLineReadAByteAtATimeTakesLinearTime() throws {
  let short = try (0..<3).map { _ in try cpuSecondsToScanByteByByte(64 * 1024) }.min()!
  let long = try (0..<3).map { _ in try cpuSecondsToScanByteByByte(512 * 1024) }.min()!
  #expect(long < 24 * short, "512 KiB took \(long) s of CPU time, 64 KiB \(short) s: not linear")
}

/// This thread's CPU seconds to scan a line of `length` bytes (and a code at its end) read one
/// byte at a time.
private func cpuSecondsToScanByteByByte(_ length: Int) throws -> Double {
  let line =
    Array(String(repeating: "x", count: length).utf8)
    + Array(" oauth_problem=token_used\n".utf8)
  let scanner = LogScanner(matcher: matcher, maxLineBytes: 1 << 20, blockBytes: 1 << 20)
  var position = 0
  var findings: [Finding] = []
  let read: (UnsafeMutableBufferPointer<UInt8>) -> Int = { buffer in
    guard position < line.count else { return 0 }
    buffer[0] = line[position]
    position += 1
    return 1
  }
  let started = threadCPUSeconds()
  let statistics = try scanner.scan(
    source: "pipe", onFinding: { findings.append($0) }, read: read)
  let seconds = threadCPUSeconds() - started
  #expect(findings.map(\.problem) == ["token_used"])
  #expect(statistics.lines == 1 && statistics.bytes == line.count)
  return seconds
}

private func threadCPUSeconds() -> Double {
  var now = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
  return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}
