import Foundation
import KnowledgeBase
import LogRules
import LogScanning
import Testing

@testable import Reporting

private let jira =
  "2024-03-05 14:02:11,287 http-nio-8080-exec-21 WARN anonymous 842x27011x1 - 10.0.0.9 /rest [c.a.oauth.serviceprovider.internal.servlet.OAuthFilter] Problem encountered authenticating OAuth client for url \"https://jira.example.net/rest\", error was \"signature_invalid\""

@Test func theSummaryGroupsEachProblemByLink() throws {
  let text =
    Array(repeating: jira, count: 3).joined(separator: "\n") + "\n"
    + "WWW-Authenticate: OAuth realm=\"https%3A%2F%2Fconf.example.net\", oauth_problem=\"signature_invalid\"\n"
    + "oauth_problem=signature_invalid\n"
  let report = try report(text)
  let entry = try #require(report.byProblem.first)
  #expect(
    entry.linksByCount.map(\.link) == ["https://jira.example.net", "https://conf.example.net", nil])
  #expect(entry.linksByCount.map(\.count) == [3, 1, 1])
  #expect(entry.linksByCount[0].first.line == 1 && entry.linksByCount[0].last.line == 3)

  var out = ""
  TextPrinter(ruleSet: ruleSet, style: Style(enabled: false), links: links)
    .writeSummary(report, to: &out)
  #expect(out.contains("    3 from https://jira.example.net (first -:1, last -:3)"))
  #expect(out.contains("    1 from https://conf.example.net (first -:4, last -:4)"))
  #expect(out.contains("    1 with no link on the line"))

  var json = ""
  JSONPrinter(ruleSet: ruleSet, links: links).writeSummary(report, to: &json)
  let document = try JSONDecoder().decode(JSONPrinter.SummaryRecord.self, from: Data(json.utf8))
  let problem = try #require(document.problems.first)
  #expect(
    problem.links.map(\.link) == ["https://jira.example.net", "https://conf.example.net", nil])
  #expect(problem.links.map(\.count).reduce(0, +) == problem.count)
  #expect(problem.links[0].first.logTime == "2024-03-05 14:02:11,287")
  #expect(problem.otherLinks == nil)
  #expect(!json.contains("\"link\":null"), "no link is left out, not null")
}

@Test func oneLinkReadsAtOnce() throws {
  var out = ""
  TextPrinter(ruleSet: ruleSet, style: Style(enabled: false), links: links)
    .writeSummary(try report(Array(repeating: jira, count: 313).joined(separator: "\n")), to: &out)
  #expect(out.contains("signature_invalid     313"))
  #expect(out.contains("    all from https://jira.example.net"))
  var detail = ""
  TextPrinter(ruleSet: ruleSet, style: Style(enabled: false), links: links)
    .write(try report(jira), to: &detail)
  #expect(detail.contains("Seen on 1 line\n  all from https://jira.example.net\n"))
  #expect(detail.contains("    - the link's remote end: https://jira.example.net"))
}

@Test func distinctLinksAreCountedOneByOneUpToALimit() {
  var report = Report()
  for index in 0..<(Report.maxLinks + 20) {
    report.add(
      Finding(
        problem: "signature_invalid", rule: "r", basis: .code, source: "-", line: index + 1,
        text: "",
        fields: ["link": "https://host\(index).example.net"]))
  }
  report.add(
    Finding(
      problem: "signature_invalid", rule: "r", basis: .code, source: "-", line: 999, text: "",
      fields: [:]))
  let entry = report.byProblem[0]
  #expect(entry.links.filter { $0.link != nil }.count == Report.maxLinks)
  #expect(entry.otherLinks == 20)
  #expect(entry.linksByCount.last?.link == nil, "the lines without a link are kept too")
}

@Test func contextLinesStandAroundTheLineFound() throws {
  var found: [Finding] = []
  _ = try LogScanner(matcher: matcher, contextLines: 1).scan(
    text: "before\noauth_problem=token_rejected\nafter\n", source: "app.log"
  ) { found.append($0) }
  var report = Report()
  for finding in found { report.add(finding) }
  var out = ""
  TextPrinter(ruleSet: ruleSet, style: Style(enabled: false), links: links).write(report, to: &out)
  #expect(
    out.contains(
      "  app.log-1- before\n  app.log:2: oauth_problem=token_rejected\n  app.log-3- after\n"))
  var live = ""
  TextPrinter(ruleSet: ruleSet, style: Style(enabled: false), links: links)
    .write(live: found[0], to: &live)
  #expect(live.hasPrefix("OAuth token rejected  [token_rejected]\n  app.log-1- before\n"))
}

@Test func namesAndLinesAreEscapedForTheTerminal() throws {
  #expect(TerminalText.escaped("plain/name.log") == "plain/name.log")
  #expect(TerminalText.escaped("evil\u{1B}[31m.log") == "evil\\x1b[31m.log")
  #expect(TerminalText.escaped("a\u{9B}b\u{202E}c\td") == "a\\u{9b}b\\u{202e}c\\x09d")
  #expect(TerminalText.escaped("\tat x", keepingTabs: true) == "\tat x")
  var report = Report()
  report.add(
    Finding(
      problem: "token_rejected", rule: "r", basis: .code, source: "x.zip!\u{1B}]0;owned\u{7}.log",
      line: 1,
      text: "oauth_problem=token_rejected \u{1B}[2J", fields: [:]))
  var out = ""
  TextPrinter(ruleSet: ruleSet, style: Style(enabled: false), links: links).write(report, to: &out)
  TextPrinter(ruleSet: ruleSet, style: Style(enabled: false), links: links)
    .writeSummary(report, to: &out)
  #expect(!out.contains("\u{1B}"))
  #expect(out.contains("x.zip!\\x1b]0;owned\\x07.log:1: oauth_problem=token_rejected \\x1b[2J"))
}

@Test(arguments: [
  ("2024-03-05 14:02:11,287", true, false), ("2024-03-05T14:02:11.287Z", true, true),
  ("2024-03-05T14:02:11+0100", true, true), ("2024-03-05 14:02:11,287 +01:00", true, true),
  ("2024-03-05", true, false), ("2024-03-05T14:02", true, false), ("2024-13-05", false, false),
  ("05-Mar-2024 14:02:11.287", false, false), ("2024-03-05 14:02:11,", false, false),
])
func logTimesAreRead(text: String, reads: Bool, zoned: Bool) {
  let time = LogTime(text)
  #expect((time != nil) == reads)
  #expect((time?.offsetSeconds != nil) == zoned)
}

@Test func theRangeIsSinceIncludedUntilExcluded() throws {
  let since = try #require(TimeRange.bound("2024-03-05T14:00:00", now: 0))
  let until = try #require(TimeRange.bound("2024-03-05 15:00", now: 0))
  let range = TimeRange(since: since, until: until)
  #expect(range.contains(logTime: "2024-03-05 14:00:00,000"))
  #expect(range.contains(logTime: "2024-03-05 14:59:59,999"))
  #expect(!range.contains(logTime: "2024-03-05 15:00:00,000"))
  #expect(!range.contains(logTime: "2024-03-05 13:59:59,999"))
  #expect(!range.contains(logTime: nil), "no time: not in a range")
  #expect(!range.contains(logTime: "soon"))
  #expect(TimeRange().contains(logTime: nil), "no range: everything")
  // Zones: both written with one, the instants compare; one without, as written.
  let utc = TimeRange(since: TimeRange.bound("2024-03-05T14:00:00Z", now: 0))
  #expect(utc.contains(logTime: "2024-03-05T15:30:00+01:00"))
  #expect(!utc.contains(logTime: "2024-03-05T14:30:00+01:00"))
  let written = TimeRange(since: TimeRange.bound("2024-03-05T14:00:00", now: 0))
  #expect(written.contains(logTime: "2024-03-05T14:30:00+01:00"), "as written")
}

@Test func durationsCountBackFromNow() throws {
  #expect(TimeRange.duration("2h") == 7200)
  #expect(TimeRange.duration("1h30m") == 5400)
  #expect(TimeRange.duration("1w2d") == Int64(9 * 86_400))
  #expect(TimeRange.duration("90") == nil)
  #expect(TimeRange.duration("2x") == nil)
  #expect(TimeRange.duration("") == nil)
  let now = 1_709_647_331.0  // 2024-03-05T14:02:11Z
  let range = TimeRange(since: TimeRange.bound("1h", now: now))
  #expect(range.contains(logTime: "2024-03-05T13:30:00Z"))
  #expect(!range.contains(logTime: "2024-03-05T12:30:00Z"))
}
