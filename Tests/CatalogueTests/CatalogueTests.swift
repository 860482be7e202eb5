import Catalogue
import Foundation
import KnowledgeBase
import Testing

private let catalogue = Catalogue.applinks

@Test func catalogueIsValid() {
  let issues = catalogue.validationIssues()
  #expect(issues.isEmpty, "\(issues.map(\.description).joined(separator: "\n"))")
}

@Test func sourceDocumentProblemsAreFirstInItsOrder() {
  let ids = catalogue.problems.prefix(6).map(\.id)
  #expect(
    ids == [
      "consumer_key_unknown", "signature_invalid", "timestamp_refused", "token_rejected",
      "oauth_mismatch", "unsupported_oauth_level",
    ])
}

@Test func productsFlavoursAndArticlesHaveTheirIDs() {
  #expect(
    catalogue.products.map(\.id) == [
      "bamboo", "bitbucket", "confluence", "crowd", "crucible", "fisheye", "jira",
    ])
  #expect(catalogue.flavours.map(\.id) == ["3lo", "2lo", "2lo-execute-as", "2lo-impersonation"])
  #expect(
    Set(catalogue.articles.map(\.id)) == [
      "what-is-oauth", "debug-logging", "log-locations", "probe-a-link",
    ])
}

@Test func signatureInvalidKeepsTwoCausesWithTheirOwnActions() throws {
  let problem = try #require(catalogue.problem("signature_invalid"))
  #expect(problem.causes.count == 2)
  #expect(problem.causes[0].actions.count == 3)
  #expect(problem.causes[0].actions != problem.causes[1].actions)
}

@Test func everyProblemWithACodeHasThreeExamplesInDifferentShapes() {
  for problem in catalogue.problems where problem.oauthProblem != nil {
    #expect(problem.examples.count >= 3, "\(problem.id)")
    #expect(
      Set(problem.examples).count == problem.examples.count, "\(problem.id) repeats an example")
    let code = problem.oauthProblem!
    let bare = problem.examples.contains {
      $0 == "oauth_problem=\(code)" || $0.hasPrefix("oauth_problem=\(code)&")
    }
    let header = problem.examples.contains { $0.contains("oauth_problem=\"\(code)\"") }
    #expect(bare, "\(problem.id) has no bare oauth_problem= example")
    #expect(header, "\(problem.id) has no WWW-Authenticate example")
  }
}

@Test func everyProblemHasThreeExamples() {
  for problem in catalogue.problems where !problem.retired {
    #expect(problem.examples.count >= 3, "\(problem.id)")
  }
}

@Test func bitbucketRemembersStash() throws {
  let bitbucket = try #require(catalogue.product("bitbucket"))
  #expect(bitbucket.formerNames == ["Stash"])
  #expect(bitbucket.applicationLogs.contains { $0.contains("Stash") })
}

/// Ids are public API: URLs, anchors and keys of `rules.json`. The pinned list may only grow.
@Test func pinnedIDsAreAllPresentAndEveryIDIsPinned() throws {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("pinned-ids.txt")
  let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
    .map { $0.trimmingCharacters(in: .whitespaces) }
    .filter { !$0.isEmpty && !$0.hasPrefix("#") }
  var pinned: Set<String> = []
  for line in lines {
    let parts = line.split(separator: " ").map(String.init)
    try #require(parts.count >= 2, "malformed pinned line: \(line)")
    pinned.insert("\(parts[0]) \(parts[1])")
    let retired = parts.count > 2 && parts[2] == "retired"
    switch parts[0] {
    case "problem":
      let problem = catalogue.problem(parts[1])
      #expect(problem != nil, "pinned problem \(parts[1]) has disappeared")
      #expect(problem?.retired == retired, "problem \(parts[1]) retired state differs from the pin")
    case "product":
      #expect(catalogue.product(parts[1]) != nil, "pinned product \(parts[1]) has disappeared")
    case "flavour":
      #expect(
        catalogue.flavours.contains { $0.id == parts[1] },
        "pinned flavour \(parts[1]) has disappeared")
    case "article":
      #expect(
        catalogue.articles.contains { $0.id == parts[1] },
        "pinned article \(parts[1]) has disappeared")
    default: Issue.record("unknown kind in pinned line: \(line)")
    }
  }
  let all =
    catalogue.problems.map { "problem \($0.id)" } + catalogue.products.map { "product \($0.id)" }
    + catalogue.flavours.map { "flavour \($0.id)" } + catalogue.articles.map { "article \($0.id)" }
  for id in all { #expect(pinned.contains(id), "\(id) is not pinned in pinned-ids.txt") }
}
