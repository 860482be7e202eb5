import CArchive
import Catalogue
import Foundation
import LogLookup
import LogRules
import LogScanning
import RuleMatching
import Testing

@testable import LogInputs

private let matcher = try! RuleMatcher(RuleSet(catalogue: .applinks))
private let jiraLine =
  "2024-03-05 14:02:11,287 http-nio-8080-exec-21 WARN anonymous 842x27011x1 - 10.0.0.9 /rest [c.a.oauth.serviceprovider.internal.servlet.OAuthFilter] Problem encountered authenticating OAuth client for url \"https://jira.example.net/rest\", error was \"signature_invalid\""

/// A fresh folder for one test, removed afterwards by the caller.
private func folder() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "loginputs-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// Writes `entries` with libarchive: one gzip stream (`format` raw) or a zip.
private func write(
  _ entries: [(name: String, data: [UInt8])], to url: URL, zip: Bool, options: String? = nil
) throws {
  let archive = archive_write_new()!
  defer { archive_write_free(archive) }
  if zip {
    _ = archive_write_set_format_zip(archive)
  } else {
    _ = archive_write_add_filter_gzip(archive)
    _ = archive_write_set_format_raw(archive)
  }
  if let options {
    try #require(archive_write_set_options(archive, options) == ARCHIVE_OK)
    _ = archive_write_set_passphrase(archive, "secret")
  }
  try #require(archive_write_open_filename(archive, url.path) == ARCHIVE_OK)
  for (name, data) in entries {
    let entry = archive_entry_new()!
    archive_entry_set_pathname(entry, name)
    archive_entry_set_size(entry, la_int64_t(data.count))
    archive_entry_set_filetype(entry, 0o100000)
    archive_entry_set_perm(entry, 0o644)
    _ = archive_write_header(archive, entry)
    _ = data.withUnsafeBytes { archive_write_data(archive, $0.baseAddress, $0.count) }
    archive_entry_free(entry)
  }
  _ = archive_write_close(archive)
}

private func gzip(_ text: String, at url: URL) throws {
  try write([("data", Array(text.utf8))], to: url, zip: false)
}

private struct Outcome {
  var findings: [Finding] = []
  var notices: [InputNotice] = []
  var statistics = ScanStatistics()
  var failures: [InputNotice] { notices.filter { $0.kind == .failure } }
}

private func read(_ paths: [String]) throws -> Outcome {
  var outcome = Outcome()
  let sink = ScanSink(scanner: LogScanner(matcher: matcher)) { outcome.findings.append($0) }
  let reader = InputReader(sink: sink)
  for path in paths {
    try reader.read(path: path, onNotice: { outcome.notices.append($0) })
  }
  outcome.statistics = sink.statistics
  return outcome
}

/// Keeps each stream's name and bytes: what LogInputs hands over, with no scanner.
private final class RecordingSink: StreamSink {
  var streams: [(source: String, fileName: String, bytes: [UInt8])] = []
  var standardInputIsSplit: Bool { false }

  func consume(
    source: String, fileName: String, read: (UnsafeMutableBufferPointer<UInt8>) throws -> Int
  ) throws -> StreamCount {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 7)
    while true {
      let count = try buffer.withUnsafeMutableBufferPointer { try read($0) }
      if count == 0 { break }
      bytes += buffer[0..<count]
    }
    streams.append((source, fileName, bytes))
    return StreamCount(lines: bytes.filter { $0 == 0x0A }.count, bytes: bytes.count)
  }

  func growing(source: String) -> any GrowingStream { fatalError("not followed here") }
}

@Test func streamsReachTheSinkAsNamesAndBytesWithNoScanner() throws {
  let root = try folder()
  defer { try? FileManager.default.removeItem(at: root) }
  let plain = root.appendingPathComponent("atlassian-jira.log")
  try Data("one\ntwo\n".utf8).write(to: plain)
  let zipped = root.appendingPathComponent("support.zip")
  try write(
    [("logs/atlassian-confluence.log", Array("three\n".utf8))], to: zipped, zip: true)
  let sink = RecordingSink()
  var notices: [InputNotice] = []
  try InputReader(sink: sink).read(path: root.path, onNotice: { notices.append($0) })
  #expect(notices.filter { $0.kind == .failure }.isEmpty)
  let byName = Dictionary(
    uniqueKeysWithValues: sink.streams.map {
      ($0.fileName, String(decoding: $0.bytes, as: UTF8.self))
    })
  #expect(byName["atlassian-jira.log"] == "one\ntwo\n")
  #expect(byName["atlassian-confluence.log"] == "three\n")
  #expect(
    sink.streams.contains { $0.source.hasSuffix("support.zip!logs/atlassian-confluence.log") })
}

@Test func aFolderIsReadRotatedSetsOldestFirstAndOtherFilesSkipped() throws {
  let root = try folder()
  defer { try? FileManager.default.removeItem(at: root) }
  let logs = root.appendingPathComponent("application-logs")
  try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
  for (name, hour) in [("atlassian-jira.log", "14"), ("atlassian-jira.log.1", "13")] {
    try Data((jiraLine.replacingOccurrences(of: " 14:", with: " \(hour):") + "\n").utf8)
      .write(to: logs.appendingPathComponent(name))
  }
  try gzip(
    jiraLine.replacingOccurrences(of: " 14:", with: " 12:") + "\n",
    at: logs.appendingPathComponent("atlassian-jira.log.2.gz"))
  try Data("oauth_problem=token_rejected\n".utf8).write(
    to: root.appendingPathComponent("notes.xml"))
  let outcome = try read([root.path])
  #expect(
    outcome.findings.map { $0.fields["log_time"]?.prefix(13) } == [
      "2024-03-05 12", "2024-03-05 13", "2024-03-05 14",
    ])
  #expect(
    outcome.findings.map { LogFileName($0.source).name } == [
      "atlassian-jira.log.2.gz", "atlassian-jira.log.1", "atlassian-jira.log",
    ])
  #expect(outcome.findings.allSatisfy { $0.fields["link"] == "https://jira.example.net" })
  #expect(outcome.notices.map(\.kind) == [.skipped])
  #expect(outcome.notices.first?.source.hasSuffix("notes.xml") == true)
  #expect(outcome.statistics.lines == 3)
}

@Test func aZipIsReadInPlaceWithGzipEntriesAndNamesArchiveAndEntry() throws {
  let root = try folder()
  defer { try? FileManager.default.removeItem(at: root) }
  let inner = root.appendingPathComponent("inner.gz")
  try gzip("first\n" + jiraLine + "\n", at: inner)
  let zip = root.appendingPathComponent("support.zip")
  try write(
    [
      ("application-logs/atlassian-jira.log", Array((jiraLine + "\n").utf8)),
      ("application-logs/atlassian-jira.log.1.gz", Array(try Data(contentsOf: inner))),
      ("application-properties/application.xml", Array("oauth_problem=nonce_used".utf8)),
      ("tomcat-logs/catalina.out", Array("x\noauth_problem=token_rejected\n".utf8)),
    ], to: zip, zip: true)
  let outcome = try read([zip.path])
  #expect(
    outcome.findings.map { "\($0.source):\($0.line)" } == [
      "\(zip.path)!application-logs/atlassian-jira.log.1.gz:2",
      "\(zip.path)!application-logs/atlassian-jira.log:1",
      "\(zip.path)!tomcat-logs/catalina.out:2",
    ])
  #expect(outcome.findings[0].fields["product"] == "jira")
  #expect(outcome.failures.isEmpty)
  #expect(outcome.notices.map(\.source) == ["\(zip.path)!application-properties/application.xml"])
}

@Test func aCutGzipKeepsEverythingBeforeTheCutAndSaysWhere() throws {
  let root = try folder()
  defer { try? FileManager.default.removeItem(at: root) }
  let lines = (0..<30_000).map { "line \($0) oauth_problem=token_rejected \($0 * 7919 % 10007)" }
  let whole = root.appendingPathComponent("whole.log.gz")
  try gzip(lines.joined(separator: "\n") + "\n", at: whole)
  let data = try Data(contentsOf: whole)
  let cut = root.appendingPathComponent("cut.log.gz")
  try data.prefix(data.count / 2).write(to: cut)
  let outcome = try read([cut.path])
  let failure = try #require(outcome.failures.first)
  #expect(failure.source == cut.path)
  #expect(failure.message.contains("ends too soon"))
  #expect(failure.message.contains("byte \(data.count / 2) of the compressed data"))
  // Every complete line before the cut, in order, then the part of the last one.
  let complete = outcome.findings.dropLast()
  #expect(complete.count > 10_000)
  #expect(complete.map(\.text) == Array(lines.prefix(complete.count)))
}

@Test func encryptedEntriesAreNamedAndSkipped() throws {
  let root = try folder()
  defer { try? FileManager.default.removeItem(at: root) }
  let zip = root.appendingPathComponent("locked.zip")
  try write(
    [("a/atlassian-jira.log", Array("oauth_problem=token_rejected\n".utf8))], to: zip, zip: true,
    options: "zip:encryption=zipcrypt")
  let outcome = try read([zip.path])
  #expect(outcome.findings.isEmpty)
  #expect(outcome.failures.map(\.message) == ["encrypted; not read"])
  #expect(outcome.failures.first?.source == "\(zip.path)!a/atlassian-jira.log")
}

@Test func symlinkLoopsAreNamedAndPassedOver() throws {
  let root = try folder()
  defer { try? FileManager.default.removeItem(at: root) }
  let sub = root.appendingPathComponent("sub")
  try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
  try FileManager.default.createSymbolicLink(
    atPath: sub.appendingPathComponent("up").path, withDestinationPath: root.path)
  try FileManager.default.createSymbolicLink(
    atPath: root.appendingPathComponent("self.log").path, withDestinationPath: "self.log")
  try Data("oauth_problem=nonce_used\n".utf8).write(to: sub.appendingPathComponent("a.log"))
  let outcome = try read([root.path])
  #expect(outcome.findings.count == 1)
  #expect(outcome.failures.isEmpty)
  #expect(
    Set(outcome.notices.map(\.message)) == [
      "a symlink loop: skipped", "a symlink loop to a folder above it: skipped",
    ])
}

@Test func aGzipOfGzipsIsUnwrapped() throws {
  let root = try folder()
  defer { try? FileManager.default.removeItem(at: root) }
  let once = root.appendingPathComponent("once.gz")
  try gzip("oauth_problem=nonce_used\n", at: once)
  let twice = root.appendingPathComponent("twice.log.gz")
  try write([("data", Array(try Data(contentsOf: once)))], to: twice, zip: false)
  let outcome = try read([twice.path])
  #expect(outcome.findings.map(\.problem) == ["nonce_used"])
  #expect(outcome.findings.first?.source == twice.path)
}
