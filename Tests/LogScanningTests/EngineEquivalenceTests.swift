import Foundation
import LogRules
import LogScanning
import RuleMatching
import RuleVectors
import TestSupport
import Testing

/// PCRE2 without its JIT, as `lookup` runs for pasted text.
let interpretedMatcher = try! RuleMatcher(ruleSet, jit: false)

/// Every case of `Site/rules-tests.json`: the scan (Vectorscan and PCRE2 on bytes) gives the
/// findings of line-by-line matching with ICU, and both give the published findings.
@Test(arguments: publishedVectors?.cases ?? [])
func scanEqualsLineByLineReference(_ vector: RuleTestVectors.Case) throws {
  let limit = vector.maxLineBytes
  let expected = LineByLine.findings(
    of: Array(vector.text.utf8), maxLineBytes: limit ?? ruleSet.maxLineBytes, source: "-")
  #expect(
    expected.map {
      .init(line: $0.line, problem: $0.problem, rule: $0.rule, basis: $0.basis, fields: $0.fields)
    }
      == vector.findings)
  var vectorscan = LogScanner(matcher: matcher, maxLineBytes: limit, blockBytes: 7)
  vectorscan.literalPass = .always
  var vectorscanJobs = LogScanner(matcher: matcher, maxLineBytes: limit, blockBytes: 64, jobs: 2)
  vectorscanJobs.literalPass = .always
  for scanner in [
    LogScanner(matcher: matcher, maxLineBytes: limit),
    LogScanner(matcher: matcher, maxLineBytes: limit, blockBytes: 7, jobs: 2),
    LogScanner(matcher: matcher, maxLineBytes: limit ?? 4096, blockBytes: 64, jobs: 3), vectorscan,
    vectorscanJobs, LogScanner(matcher: interpretedMatcher, maxLineBytes: limit),
  ] {
    var found: [Finding] = []
    _ = try scanner.scan(text: vector.text, source: "-") { found.append($0) }
    #expect(found == expected)
  }
}

/// Invalid UTF-8 inside and around what rules capture: the bytes engine reads the line as ICU
/// reads its decoded text (invalid sequences as U+FFFD), so captures and `text` agree.
@Test(
  arguments: [
    [0xFF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0x00],
    [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82, 0xAC],
  ] as [[UInt8]])
func invalidUTF8GivesTheFindingsOfTheReference(_ damage: [UInt8]) throws {
  var input: [UInt8] = []
  for example in catalogue.problems.flatMap(\.examples) {
    let bytes = Array(example.utf8)
    // The damage at the start, in the middle (often inside a captured value) and at the end.
    input += damage + bytes + [0x0A]
    input += bytes.prefix(bytes.count / 2) + damage + bytes.dropFirst(bytes.count / 2) + [0x0A]
    input += bytes + damage + [0x0A]
  }
  let expected = LineByLine.findings(of: input)
  #expect(!expected.isEmpty)
  var found: [Finding] = []
  _ = try LogScanner(matcher: matcher).scan(
    text: String(decoding: input, as: UTF8.self), source: "test.log"
  ) { found.append($0) }
  var raw: [Finding] = []
  var position = 0
  _ = try LogScanner(matcher: matcher).scan(
    source: "test.log", onFinding: { raw.append($0) },
    read: { buffer in
      let count = min(buffer.count, input.count - position)
      for index in 0..<count { buffer[index] = input[position + index] }
      position += count
      return count
    })
  #expect(raw == expected)
  #expect(found == expected)
}

/// Blocks large enough for the Vectorscan pass (every example, between ordinary lines and
/// damage, repeated past several blocks), in uneven reads: the findings of line-by-line
/// matching with the reference.
@Test(arguments: [(1 << 20, 1), (70_000, 1), (1 << 20, 2), (70_000, 3), (4096, 2)])
func largeBlocksGiveTheFindingsOfLineByLineMatching(blockBytes: Int, jobs: Int) throws {
  var input: [UInt8] = []
  let examples = catalogue.problems.flatMap(\.examples)
  var round = 0
  while input.count < 3 << 20 {
    for (index, example) in examples.enumerated() {
      input += Array("ordinary line \(round) \(index) with nothing to explain\n".utf8)
      input += Array(example.utf8)
      input += (index + round) % 7 == 0 ? [0xFF, 0x0D, 0x0A] : [0x0A]
    }
    round += 1
  }
  let expected = LineByLine.findings(of: input)
  let scanner = LogScanner(matcher: matcher, blockBytes: blockBytes, jobs: jobs)
  var found: [Finding] = []
  var position = 0
  var state: UInt64 = 0x2545_F491_4F6C_DD1D
  let statistics = try scanner.scan(
    source: "test.log", onFinding: { found.append($0) },
    read: { buffer in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let count = min(buffer.count, input.count - position, 1 + Int(state >> 44))
      for index in 0..<count { buffer[index] = input[position + index] }
      position += count
      return count
    })
  #expect(found.count == expected.count)
  #expect(found == expected)
  #expect(statistics.lines == LineByLine.lines(of: input).count)
}
