import Catalogue
import Foundation
import KnowledgeBase
import LogRules
import RuleMatching
import SiteBuilder
import Testing

@testable import SyntheticCatalogue

private let templatesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Templates")

@Test func syntheticCatalogueValidatesAndIsDeterministic() throws {
  let count = Catalogue.applinks.problems.count * 2 + 5
  let synthetic = SyntheticCatalogue.make(from: .applinks, problems: count)
  #expect(synthetic.problems.count == count)
  #expect(synthetic.validationIssues() == [])
  #expect(synthetic.ruleIssues() == [], "every example is explained as its own clone")
  #expect(Set(synthetic.problems.map(\.id)).isDisjoint(with: Catalogue.applinks.problems.map(\.id)))
  #expect(synthetic == SyntheticCatalogue.make(from: .applinks, problems: count))
  // Same texts as the problem each one was cloned from.
  let first = try #require(synthetic.problems.first)
  #expect(first.meaning == Catalogue.applinks.problems[0].meaning)
  #expect(first.causes == Catalogue.applinks.problems[0].causes)
}

@Test func syntheticCatalogueRenders() throws {
  let synthetic = SyntheticCatalogue.make(from: .applinks, problems: 40)
  let output = try SiteRenderer(templatesFolder: templatesFolder).render(synthetic)
  #expect(SiteCheck.problems(in: output.site) == [])
  #expect(output.content.keys.filter { $0.hasPrefix("problems/") }.count == 40)
}

@Test func wholeWordsOnlyAreReplaced() {
  #expect(
    SyntheticCatalogue.replacingWord(
      "UNKNOWN", with: "UNKNOWN_B", in: "UNKNOWN UNKNOWN_HOST xUNKNOWN")
      == "UNKNOWN_B UNKNOWN_HOST xUNKNOWN")
}
