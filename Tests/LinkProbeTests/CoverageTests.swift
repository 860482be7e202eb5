import Catalogue
import Foundation
import KnowledgeBase
import LogRules
import Testing

@testable import LinkProbe

enum RuleSetFixture {
  static let ruleSet = RuleSet(catalogue: .applinks)
}

/// Every problem id the probe's sources can name, read from their `problems: [...]` lists.
private func problemsNamedInSources() throws -> Set<String> {
  let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Sources/LinkProbe").standardized
  var ids: Set<String> = []
  for name in try FileManager.default.contentsOfDirectory(atPath: sources.path) {
    let text = try String(contentsOf: sources.appendingPathComponent(name), encoding: .utf8)
    let list = try Regex(#"problems: \[([^\]]*)\]"#)
    for match in text.matches(of: list) {
      let inside = String(text[match.range]).dropFirst("problems: [".count)
      for quoted in inside.matches(of: try Regex(#""([a-z0-9_]+)""#)) {
        ids.insert(String(inside[quoted.range].dropFirst().dropLast()))
      }
    }
  }
  return ids
}

@Test func everyProblemTheProbeNamesIsInTheCatalogue() throws {
  let named = try problemsNamedInSources()
  #expect(named.count > 15)
  let known = Set(Catalogue.applinks.problems.map(\.id))
  #expect(named.subtracting(known).isEmpty, "unknown ids: \(named.subtracting(known))")
  // The site's "Probe a link" page lists each of them under a check.
  let listed = Set(Catalogue.applinks.probeChecks.flatMap(\.problems))
  #expect(named.subtracting(listed).isEmpty, "not on the page: \(named.subtracting(listed))")
  #expect(
    listed.subtracting(named).isEmpty, "on the page, never named: \(listed.subtracting(named))")
}
