import Catalogue
import Foundation
import KnowledgeBase
import LogRules
import LogScanning
import RuleMatching
import Testing

@testable import Reporting

let ruleSet = RuleSet(catalogue: .applinks)
let matcher = try! RuleMatcher(ruleSet)
let links = HelpLinks(baseURL: "https://kb.example.com/", site: "Site")

/// Findings of `text` scanned as `lookup` scans it.
func findings(_ text: String, source: String = "-") throws -> [Finding] {
  var found: [Finding] = []
  _ = try LogScanner(matcher: matcher).scan(text: text, source: source) { found.append($0) }
  return found
}

func report(_ text: String, source: String = "-") throws -> Report {
  var report = Report()
  for finding in try findings(text, source: source) { report.add(finding) }
  return report
}

let skewLine =
  "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1709646131-1709647031&oauth_timestamp=1709650000"

@Test func textReportNamesProblemFieldsCausesAndHelpPage() throws {
  var out = ""
  TextPrinter(ruleSet: ruleSet, style: Style(enabled: false), links: links)
    .write(try report(skewLine), to: &out)
  #expect(out.contains("Seen on 1 line"))
  #expect(out.contains("  -:1: oauth_problem=timestamp_refused"))
  #expect(out.contains("    - oauth_problem: timestamp_refused"))
  #expect(
    out.contains(
      "    - the request's timestamp 1709650000 was 3419 s ahead of the remote clock (it accepts 1709646131-1709647031, Unix seconds)"
    ))
  #expect(out.contains("the remote server's clock read 2024-03-05 13:49:41 UTC"))
  // Said inside the skew sentence, so not again on their own.
  #expect(!out.contains("the remote end accepts timestamps"))
  #expect(!out.contains("the request's timestamp: "))
  #expect(out.contains("Causes and what to do"))
  #expect(out.contains("Help page: https://kb.example.com/problems/timestamp_refused.html"))
  #expect(!out.contains("\u{1B}["), "no colour without a terminal")
}

@Test func styledOutputUsesEscapes() throws {
  var out = ""
  TextPrinter(ruleSet: ruleSet, style: Style(enabled: true), links: links)
    .write(problem: ruleSet.problem("signature_invalid")!, to: &out)
  #expect(out.hasPrefix("\u{1B}[1m"))
}

@Test func fieldsMentionedInAnotherSentenceAreSaidOnce() {
  let sentences = FieldSentences(fields: ruleSet.fields)
  #expect(
    sentences.describe(["signed_url": "https://jira.example.com/rest", "signed_method": "GET"])
      == [
        "the URL that was signed: GET https://jira.example.com/rest (compare it with the link's URL)"
      ])
  #expect(
    sentences.describe(["signed_method": "GET"]) == ["the method that was signed: GET"])
  #expect(
    sentences.describe(["remote_host": "jira.example.com", "remote_port": "8443"])
      == ["remote host: jira.example.com:8443"])
  #expect(
    sentences.describe(["remote_host": "jira.example.com"]) == ["remote host: jira.example.com"])
  #expect(
    sentences.describe([
      "product": "jira", "log_time": "2024-03-05 14:02:11,287", "level": "WARN", "logger": "",
      "thread": "http-nio-8080-exec-1",
    ]) == ["product jira, logged 2024-03-05 14:02:11,287, WARN, on thread http-nio-8080-exec-1"])
  #expect(
    sentences.describe(["clock_skew_seconds": "-5"]) == [
      "the request's timestamp was 5 s behind the remote clock"
    ])
}

@Test func everyFieldOfTheRegistryHasWords() {
  let sentences = FieldSentences(fields: ruleSet.fields)
  for field in ruleSet.fields {
    let words = sentences.describe([field.name: "VALUE"])
    #expect(words.count == 1, "\(field.name)")
    #expect(words.first?.contains("VALUE") == true || field.format != .text, "\(field.name)")
  }
}

@Test func jsonLinesCarryEveryFindingWithItsRuleAndHelpPage() throws {
  var out = ""
  let printer = JSONPrinter(ruleSet: ruleSet, links: links)
  for finding in try findings("oauth_problem=signature_invalid\nnothing here\n" + skewLine) {
    printer.write(finding, to: &out)
  }
  let lines = out.split(separator: "\n")
  #expect(lines.count == 2)
  let records = try lines.map {
    try JSONDecoder().decode(JSONPrinter.FindingRecord.self, from: Data($0.utf8))
  }
  #expect(records.map(\.problem) == ["signature_invalid", "timestamp_refused"])
  #expect(records.map(\.line) == [1, 3])
  #expect(records[0].rule == "signature_invalid.form")
  #expect(records[0].url == "https://kb.example.com/problems/signature_invalid.html")
  #expect(records[1].fields["clock_skew_seconds"] == "3419")
}

@Test func jsonLinesAreTheBytesJSONEncoderGives() throws {
  // The finding writer builds its line itself, for speed; it must stay what JSONEncoder wrote.
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  let printer = JSONPrinter(ruleSet: ruleSet, links: links)
  let odd = "q\"b\\s/ \u{01}\u{08}\u{0C}\t\r\u{1F}\u{7F} é \u{2028} 😀"
  var found = try findings("oauth_problem=signature_invalid " + odd + "\n" + skewLine)
  found[0].fields["zz_" + odd] = odd
  found[0].source = "support.zip!application-logs/" + odd
  for finding in found {
    var out = ""
    printer.write(finding, to: &out)
    let problem = ruleSet.problem(finding.problem)
    let record = JSONPrinter.FindingRecord(
      problem: finding.problem, rule: finding.rule, basis: finding.basis,
      title: problem?.title ?? finding.problem, source: finding.source, line: finding.line,
      text: finding.text, fields: finding.fields, url: problem.map(links.link(for:)) ?? "")
    #expect(out == String(decoding: try encoder.encode(record), as: UTF8.self) + "\n")
  }
}

@Test func summaryGroupsByCategoryAndCountsMostFrequentFirst() throws {
  let text = [
    "oauth_problem=signature_invalid", "oauth_problem=signature_invalid",
    "oauth_problem=permission_denied", "java.net.UnknownHostException: jira.example.com",
  ].joined(separator: "\n")
  var report = try report(text)
  report.lines = 4
  var out = ""
  TextPrinter(ruleSet: ruleSet, style: Style(enabled: false), links: links)
    .writeSummary(report, to: &out)
  let lines = out.split(separator: "\n").map(String.init)
  #expect(lines.first?.hasPrefix("problem") == true)
  #expect(lines[1] == "OAuth request rejected (2)")
  #expect(lines[2].hasPrefix("signature_invalid") && lines[2].contains("     2  -:1"))
  #expect(lines.last?.hasPrefix("4 lines read, 4 findings, ") == true)
  let categories = report.byCategory(in: ruleSet).map(\.title)
  #expect(categories.count == 3)
  #expect(categories.first == "OAuth request rejected")

  var json = ""
  JSONPrinter(ruleSet: ruleSet, links: links).writeSummary(report, to: &json)
  let document = try JSONDecoder().decode(
    JSONPrinter.SummaryRecord.self, from: Data(json.utf8))
  #expect(document.problems.map(\.count) == [2, 1, 1])
  #expect(document.problems[0].first.line == 1 && document.problems[0].last.line == 2)
  #expect(document.lines == 4)
}

@Test func nothingFoundOffersSuggestions() {
  var out = ""
  let finder = ProblemFinder(ruleSet: ruleSet)
  TextPrinter(ruleSet: ruleSet, style: Style(enabled: false), links: links)
    .writeNothingFound(suggestions: finder.suggestions(for: "signature"), to: &out)
  #expect(out.hasPrefix("No known application-link problem found in the text."))
  #expect(out.contains("Did you mean:"))
  #expect(out.contains("signature_invalid"))
}

@Test func rulesFileErrorsNameThePath() throws {
  do {
    _ = try RuleSetFile.ruleSet(at: "/nonexistent/rules.json")
    Issue.record("a missing rules file was read")
  } catch let error as InputError {
    #expect(error.message.hasPrefix("/nonexistent/rules.json: cannot read the rules file"))
  }
}
