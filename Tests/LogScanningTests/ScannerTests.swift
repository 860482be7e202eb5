import Foundation
import LogRules
import LogScanning
import TestSupport
import Testing

private func scan(_ bytes: [UInt8], blockBytes: Int = 1 << 20, maxLineBytes: Int = 1 << 20) throws
  -> ([Finding], ScanStatistics)
{
  let scanner = LogScanner(matcher: matcher, maxLineBytes: maxLineBytes, blockBytes: blockBytes)
  var findings: [Finding] = []
  var position = 0
  let read: (UnsafeMutableBufferPointer<UInt8>) -> Int = { buffer in
    let count = min(buffer.count, bytes.count - position)
    for index in 0..<count { buffer[index] = bytes[position + index] }
    position += count
    return count
  }
  let statistics = try scanner.scan(
    source: "test.log", onFinding: { findings.append($0) }, read: read)
  return (findings, statistics)
}

private let sample = Array(
  ("first line\noauth_problem=token_rejected\r\nplain\nWWW-Authenticate: OAuth oauth_problem=\"signature_invalid\"\n"
    + "AUTH_LEVEL_MISMATCH").utf8)

@Test(arguments: [1, 2, 3, 7, 64, 1 << 20])
func findingsDoNotDependOnBlockSize(blockBytes: Int) throws {
  let (findings, statistics) = try scan(sample, blockBytes: blockBytes)
  #expect(findings.map(\.problem) == ["token_rejected", "signature_invalid", "oauth_mismatch"])
  #expect(findings.map(\.line) == [2, 4, 5])
  #expect(findings[0].text == "oauth_problem=token_rejected", "carriage return dropped")
  #expect(statistics.lines == 5)
  #expect(statistics.bytes == sample.count)
}

@Test func emptyInputHasNoLines() throws {
  let (findings, statistics) = try scan([])
  #expect(findings.isEmpty && statistics.lines == 0)
}

@Test func manyEmptyLinesAreCounted() throws {
  let (findings, statistics) = try scan(Array(repeating: 0x0A, count: 100_000))
  #expect(findings.isEmpty)
  #expect(statistics.lines == 100_000)
}

@Test func invalidUTF8AndNULBytesAreReplacedNotFatal() throws {
  let line: [UInt8] =
    [0xFF, 0xFE, 0x00] + Array(" oauth_problem=nonce_used ".utf8) + [0xC3, 0x28, 0x00, 0x0A]
  let (findings, _) = try scan(line)
  #expect(findings.map(\.problem) == ["nonce_used"])
  #expect(findings.first?.text.contains("\u{FFFD}") == true)
}

@Test func anOverLongLineIsExplainedFromItsStartAndCountedOnce() throws {
  let long =
    Array("oauth_problem=token_expired ".utf8) + Array(repeating: UInt8(ascii: "x"), count: 5000)
  let bytes = long + [0x0A] + Array("oauth_problem=token_used\n".utf8)
  let (findings, statistics) = try scan(bytes, blockBytes: 512, maxLineBytes: 1024)
  #expect(findings.map(\.problem) == ["token_expired", "token_used"])
  #expect(findings.map(\.line) == [1, 2])
  #expect(statistics.lines == 2)
}

@Test func aCodeSplitAcrossBlocksIsFound() throws {
  let bytes =
    Array(String(repeating: "y", count: 1000).utf8) + Array(" oauth_problem=token_revoked\n".utf8)
  for block in [1000, 1005, 1010, 1020] {
    let (findings, _) = try scan(bytes, blockBytes: block)
    #expect(findings.map(\.problem) == ["token_revoked"], "block \(block)")
  }
}

@Test func productComesFromTheFileNameWhenScanningAFile() throws {
  let scanner = LogScanner(matcher: matcher)
  var findings: [Finding] = []
  _ = try scanner.scan(
    text: "2024-03-05 14:02:11,287 WARN [t] [OAuthFilter] oauth_problem=token_rejected",
    source: "x/atlassian-confluence.log"
  ) {
    findings.append($0)
  }
  #expect(findings.first?.fields["product"] == "confluence")
}

/// Whatever the size of the reads, an over-long line is explained from exactly its first
/// `maxLineBytes` bytes.
@Test(arguments: [100, 1000, 4096])
func overLongLinesAreCutAtTheSamePlaceWhateverTheReads(blockBytes: Int) throws {
  let inside =
    Array(String(repeating: "x", count: 1000).utf8) + Array(" oauth_problem=token_used".utf8)
  let outside =
    Array(String(repeating: "x", count: 1030).utf8) + Array(" oauth_problem=token_used".utf8)
  for (bytes, expected) in [(inside + [0x0A], ["token_used"]), (outside + [0x0A], [])] {
    let (findings, statistics) = try scan(bytes, blockBytes: blockBytes, maxLineBytes: 1030)
    #expect(findings.map(\.problem) == expected, "block \(blockBytes)")
    #expect(statistics.lines == 1)
  }
}
