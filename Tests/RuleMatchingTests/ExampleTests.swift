import Catalogue
import Foundation
import KnowledgeBase
import LogRules
import RuleMatching
import TestSupport
import Testing

struct Example: CustomTestStringConvertible, Sendable {
  var problem: String
  var line: String
  var testDescription: String { "\(problem): \(line.prefix(80))" }
}

let examples = catalogue.problems.flatMap { problem in
  problem.examples.map { Example(problem: problem.id, line: $0) }
}

/// Like rustc's error index: each example must be explained as its own problem and no other.
@Test(arguments: examples)
func exampleIsExplainedAsItsOwnProblem(example: Example) {
  let match = matcher.match(line: example.line)
  #expect(match?.problem == example.problem, "matched by rule \(match?.rule ?? "none")")
}

@Test func everyLiveProblemHasARule() {
  for problem in catalogue.problems where !problem.retired {
    #expect(ruleSet.rules.contains { $0.problem == problem.id }, "\(problem.id) has no rule")
  }
}

/// Ordinary log lines, including ones that name OAuth classes, are not problems.
@Test(arguments: [
  "2024-03-05 14:02:11,287 http-nio-8080-exec-49 INFO alice 842x26597x1 1k9a2i5 10.0.0.7 /rest/applinks/1.0/manifest [c.a.applinks.core.DefaultApplicationLinkService] Application link created",
  "\tat com.atlassian.oauth.serviceprovider.internal.servlet.OAuthFilter.doFilter(OAuthFilter.java:123)",
  "\tat net.oauth.OAuthValidator.validateMessage(SimpleOAuthValidator.java:64)",
  "\tat com.atlassian.applinks.core.auth.oauth.OAuthApplinksResponseHandler.handle(OAuthApplinksResponseHandler.java:88)",
  "Caused by: java.lang.IllegalStateException: plugin not ready",
  "2024-03-05 14:02:11,287 WARN [http-nio-8090-exec-6] [confluence.util.http.ConfluenceHttpClient] Slow response from https://jira.example.com",
  "signature_invalid_count=0 token_rejected_total=0",
  "AUTH_LEVEL_MISMATCHED",
  "",
])
func ordinaryLineIsNoProblem(line: String) {
  #expect(matcher.match(line: line) == nil)
}

@Test func codeMatchesOnlyAsAWholeWord() {
  #expect(matcher.match(line: "oauth_problem=token_rejected")?.problem == "token_rejected")
  // Another value is no known code: some OAuth problem, reported with the value itself.
  for line in ["oauth_problem=xtoken_rejectedy", "oauth_problem=token_rejectedy"] {
    let found = matcher.match(line: line)
    #expect(found?.problem == "oauth_problem_reported")
    #expect(found?.fields["oauth_problem"] == String(line.dropFirst("oauth_problem=".count)))
  }
  #expect(matcher.match(line: "x_token_rejected (OAuth::Problem)") == nil)
  #expect(matcher.match(line: "token_rejected (OAuth::Problem)")?.problem == "token_rejected")
}

@Test(arguments: [
  ("oauth_problem=consumer_key_unknown", "form"),
  ("WWW-Authenticate: OAuth realm=\"x\", oauth_problem=\"consumer_key_unknown\"", "header"),
  ("{\"oauth_problem\": \"consumer_key_unknown\"}", "json"),
  ("{\"oauth_problem\":\"consumer_key_unknown\"}", "json"),
  ("error was \"consumer_key_unknown\", with parameters", "error-was"),
  ("net.oauth.OAuthProblemException: consumer_key_unknown", "exception"),
  ("consumer_key_unknown (OAuth::Problem)", "ruby"),
  ("Location: /callback?oauth_problem%3Dconsumer_key_unknown", "encoded"),
])
func everyCodeShapeMatches(line: String, shape: String) {
  #expect(matcher.match(line: line)?.rule == "consumer_key_unknown.\(shape)")
}

@Test func statusTypeNamesLeadToTheirProblem() {
  #expect(matcher.match(line: "AUTH_LEVEL_MISMATCH")?.problem == "oauth_mismatch")
  #expect(
    matcher.match(line: "{\"type\":\"AUTH_LEVEL_UNSUPPORTED\"}")?.problem
      == "unsupported_oauth_level")
  #expect(matcher.match(line: "OAUTH_SIGNATURE_INVALID")?.problem == "signature_invalid")
  #expect(matcher.match(line: "OAUTH_TIMESTAMP_REFUSED")?.problem == "timestamp_refused")
}

@Test func aCodeOutranksAStatusTypeOnOneLine() {
  let line = "status OAUTH_SIGNATURE_INVALID after oauth_problem=timestamp_refused"
  #expect(matcher.match(line: line)?.problem == "timestamp_refused")
}
