import Catalogue
import Foundation
import KnowledgeBase
import LogLookup
import Reporting
import Testing

/// What one in-process run printed and said.
private struct Ran {
  var outcome: LookupOutcome
  var output: String
  var warnings: [String]
}

/// Collects what a run writes; a class so that the output's sink can append to it.
private final class Collected: @unchecked Sendable {
  var text = ""
  var warnings: [String] = []
}

private func run(_ configure: (inout LookupRequest) -> Void) throws -> Ran {
  var request = LookupRequest()
  request.jobs = 1
  configure(&request)
  let collected = Collected()
  let outcome = try LookupRun(request, now: 1_709_647_000) { collected.warnings.append($0) }
    .run(to: StandardOutput { collected.text += $0 })
  return Ran(outcome: outcome, output: collected.text, warnings: collected.warnings)
}

private let jira =
  "2024-03-05 14:02:11,287 http-nio-8080-exec-21 WARN anonymous 842x27011x1 - 10.0.0.9 /rest [c.a.oauth.serviceprovider.internal.servlet.OAuthFilter] Problem encountered authenticating OAuth client for url \"https://jira.example.net/rest\", error was \"signature_invalid\""

private func temporaryFile(_ text: String, name: String = "atlassian-jira.log") throws -> String {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("lookup-run-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  let path = folder.appendingPathComponent(name).path
  try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  return path
}

@Test func aPastedLineIsExplainedAsItsProblem() throws {
  let ran = try run { $0.text = [jira] }
  #expect(ran.outcome == .found)
  #expect(ran.output.contains("signature_invalid"))
  #expect(ran.output.contains("jira.example.net"))
  #expect(ran.warnings.isEmpty)
}

@Test func aProblemsNameIsExplainedWithoutScanning() throws {
  let ran = try run { $0.text = ["timestamp_refused"] }
  #expect(ran.outcome == .found)
  let problem = try #require(Catalogue.applinks.problems.first { $0.id == "timestamp_refused" })
  #expect(ran.output.contains(problem.title))
}

@Test func textWithNoProblemEndsWithNothingFound() throws {
  let ran = try run { $0.text = ["all is well at 14:02"] }
  #expect(ran.outcome == .nothingFound)
  #expect(!ran.output.isEmpty, "says that nothing was found")
}

@Test func aFileIsReadAndSummarisedByLink() throws {
  let path = try temporaryFile(Array(repeating: jira, count: 3).joined(separator: "\n") + "\n")
  let ran = try run {
    $0.text = [path]
    $0.summary = true
    $0.json = true
  }
  #expect(ran.outcome == .found)
  let document = try JSONDecoder().decode(
    JSONPrinter.SummaryRecord.self, from: Data(ran.output.utf8))
  #expect(document.problems.map(\.problem) == ["signature_invalid"])
  #expect(document.problems.first?.count == 3)
}

@Test func sinceAndUntilKeepOnlyFindingsInTheirWindow() throws {
  let later = jira.replacingOccurrences(of: "2024-03-05 14:02", with: "2024-03-06 09:00")
  let path = try temporaryFile(jira + "\n" + later + "\n")
  let ran = try run {
    $0.files = [path]
    $0.json = true
    $0.since = "2024-03-06T00:00:00"
  }
  let lines = ran.output.split(separator: "\n")
  #expect(lines.count == 1)
  #expect(lines.first?.contains("\"line\":2") == true)
}

@Test func aMissingInputIsNamedAndTheRunFails() throws {
  let missing = try temporaryFile("") + ".gone/atlassian-jira.log"
  let ran = try run { $0.files = [missing] }
  #expect(ran.outcome == .failed)
  #expect(ran.warnings.contains { $0.contains(missing) })
}

@Test func anUnreadableRulesFileIsAnInputError() throws {
  let path = try temporaryFile("{\"schema_version\": 1}", name: "rules.json")
  #expect(throws: InputError.self) {
    _ = try run {
      $0.rules = path
      $0.text = [jira]
    }
  }
}

@Test func optionsThatDoNotFitAreNamed() {
  var request = LookupRequest()
  #expect(request.problem() == nil)
  request.context = 1_001
  #expect(request.problem()?.contains("--context") == true)
  request = LookupRequest()
  request.totals = true
  #expect(request.problem()?.contains("--totals") == true)
  request = LookupRequest()
  request.lead = 10
  request.text = ["a.log"]
  #expect(request.problem()?.contains("--lead") == true)
  request.text = ["-"]
  #expect(request.problem() == nil)
  request = LookupRequest()
  request.since = "yesterday-ish"
  #expect(request.problem()?.contains("--since yesterday-ish") == true)
}
