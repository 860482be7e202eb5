import Catalogue
import KnowledgeBase
import LogRules
import RuleMatching
import TestSupport
import Testing

/// The catalogue with one change to the problem `id`.
private func catalogue(changing id: String, _ change: (inout Problem) -> Void) -> Catalogue {
  var catalogue = Catalogue.applinks
  let index = catalogue.problems.firstIndex { $0.id == id }!
  change(&catalogue.problems[index])
  return catalogue
}

@Test func theRealCatalogueHasNoRuleIssues() {
  #expect(Catalogue.applinks.ruleIssues() == [])
}

@Test func aPatternOutsideTheSubsetNamesProblemAndField() {
  let broken = catalogue(changing: "timestamp_refused") {
    $0.messages[0].pattern =
      #"Rejecting OAuth request for url "([^"]*)"\s+due to invalid timestamp"#
  }
  #expect(
    broken.ruleIssues() == [
      ValidationIssue(
        entry: "problem timestamp_refused", field: "messages[0].pattern",
        message: "\\s means different spaces in each engine; use [ \\t]")
    ])
}

@Test func aPatternThatDoesNotCompileIsNamed() {
  let broken = catalogue(changing: "connection_refused") {
    $0.messages[0].pattern += "("
  }
  #expect(
    broken.ruleIssues().map(\.description) == [
      "problem connection_refused: messages[0].pattern: does not compile as a regular expression"
    ])
}

@Test func aCaptureNamingAnUnknownFieldIsNamed() {
  let broken = catalogue(changing: "timestamp_refused") { $0.messages[0].captures = ["url"] }
  #expect(
    broken.ruleIssues().map(\.description) == [
      "problem timestamp_refused: messages[0].captures: 'url' is not a field of FieldRegistry"
    ])
}

@Test func moreCapturesThanGroupsAreNamed() {
  let broken = catalogue(changing: "timestamp_refused") {
    $0.messages[0].captures = ["request_url", "remote_host"]
  }
  #expect(broken.ruleIssues().first?.field == "messages[0].captures")
}

@Test func anExampleExplainedAsAnotherProblemIsNamed() {
  let broken = catalogue(changing: "signature_invalid") {
    $0.examples.append("oauth_problem=token_rejected")
  }
  let issues = broken.ruleIssues()
  #expect(issues.count == 1)
  #expect(issues.first?.entry == "problem signature_invalid")
  #expect(issues.first?.message == "explained as token_rejected (rule token_rejected.form)")
  let unexplained = catalogue(changing: "signature_invalid") { $0.examples.append("all is well") }
  #expect(unexplained.ruleIssues().first?.message == "no rule explains it")
}

/// The prefilter skips lines without a rule's literal, so a literal must lie inside the text
/// its pattern matches on every example.
@Test func aLiteralOutsideTheMatchIsNamed() {
  let broken = catalogue(changing: "timestamp_refused") {
    $0.messages[1] = LogMessage(
      .wording, literal: "Peer rejected", pattern: "the timestamp on our OAuth request",
      priority: 70)
  }
  let issues = broken.ruleIssues()
  #expect(
    issues.contains {
      $0.field.hasPrefix("examples[") && $0.message.contains("lacks its literal \"Peer rejected\"")
    })
}

@Test func everyLayoutSampleIsMatchedByItsLayoutFirst() throws {
  let ruleSet = RuleSet(catalogue: .applinks)
  let matcher = try RuleMatcher(ruleSet)
  for layout in Catalogue.applinks.layouts {
    #expect(layout.samples.count >= 2, "\(layout.id) has samples in more than one shape")
    for sample in layout.samples {
      let entry = try #require(matcher.entryFields(of: sample), "\(layout.id): \(sample)")
      #expect(entry.product == layout.product, "\(layout.id): \(sample)")
      #expect(entry.fields["log_time"] != nil, "\(layout.id): \(sample)")
    }
  }
}

@Test func aLayoutSampleTakenByAnEarlierLayoutIsNamed() {
  var broken = Catalogue.applinks
  let jira = broken.layouts.firstIndex { $0.id == "jira" }!
  let bracketed = broken.layouts.first { $0.id == "bracketed" }!
  broken.layouts[jira].samples.append(bracketed.samples[0])
  broken.layouts[jira].samples.append("not a log line at all")
  #expect(
    broken.ruleIssues().map(\.description) == [
      "layout jira: samples[2]: is taken by layout bracketed, tried before",
      "layout jira: samples[3]: does not match",
    ])
}

@Test func aLayoutWithoutSamplesIsNamed() {
  var broken = Catalogue.applinks
  broken.layouts[0].samples = []
  #expect(
    broken.ruleIssues().map(\.description) == [
      "layout \(broken.layouts[0].id): samples: has no sample line"
    ])
}
