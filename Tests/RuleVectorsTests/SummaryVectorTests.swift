import Foundation
import LogRules
import LogScanning
import Reporting
import RuleMatching
import RuleVectors
import TestSupport
import Testing

extension SummaryTestVectors.Case: CustomTestStringConvertible {
  /// The case's id, as the test list shows it.
  public var testDescription: String { id }
}

@Test func publishedSummaryVectorsAreThoseOfTheRuleSet() throws {
  let published = try #require(
    publishedSummaryVectors, "Site/summary-tests.json is missing or unreadable")
  #expect(try SummaryTestVectors(ruleSet: ruleSet) == published, "run 'make site'")
  #expect(published.summaryMaxLinks == ruleSet.summaryMaxLinks)
  #expect(ruleSet.summaryMaxLinks == Report.maxLinks)
  let cap = try #require(published.cases.first { $0.id == "link-cap" })
  #expect(cap.problems.contains { ($0.otherLinks ?? 0) > 0 }, "the cap case passes the cap")
}

/// The findings of each case, added to a report in order, give the case's summary.
@Test(arguments: publishedSummaryVectors?.cases ?? [])
func summaryCaseGivesItsProblems(_ vector: SummaryTestVectors.Case) throws {
  var report = Report(maxLinks: publishedSummaryVectors?.summaryMaxLinks ?? Report.maxLinks)
  for finding in vector.findings { report.add(finding.finding) }
  let printer = JSONPrinter(ruleSet: ruleSet, links: HelpLinks())
  #expect(printer.summary(of: report).problems == vector.problems)
}

/// The limits come from the rule set: a scanner takes its `max_line_bytes`, and a rule set
/// read from a file keeps the values it gives.
@Test func limitsComeFromTheRuleSet() throws {
  #expect(LogScanner(matcher: matcher).maxLineBytes == RuleSet.standardMaxLineBytes)
  var small = ruleSet
  small.maxLineBytes = 64
  small.summaryMaxLinks = 3
  let read = try RuleSet(jsonData: try small.jsonData())
  #expect(read.maxLineBytes == 64)
  #expect(read.summaryMaxLinks == 3)
  #expect(LogScanner(matcher: try RuleMatcher(read)).maxLineBytes == 64)
  #expect(LogScanner(matcher: try RuleMatcher(read), maxLineBytes: 100).maxLineBytes == 100)
}
