import Foundation
import KnowledgeBase
import LogRules

/// Finds problems by name rather than by log line: `lookup signature_invalid`,
/// `lookup SIGNATURE_INVALID`, a title, or loose words for "did you mean".
public struct ProblemFinder: Sendable {
  /// The rule set whose problems, codes, titles and link-status names are searched.
  public let ruleSet: RuleSet

  /// A finder over `ruleSet`'s problems and link-status entries.
  public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

  /// The problem `query` names exactly: its id, `oauth_problem` code, a link-status type or its
  /// title, ignoring case and surrounding space.
  public func problem(named query: String) -> ProblemInfo? {
    let key = Self.normalised(query)
    guard !key.isEmpty else { return nil }
    return ruleSet.problems.first { problem in
      let names = [problem.id, problem.oauthProblem ?? "", problem.title] + problem.linkStatusTypes
      return names.contains { Self.normalised($0) == key }
    }
  }

  /// What the links screen or its status resource calls `query`, when it is no problem's
  /// name: a category of error types (`NETWORK_ERROR`) or a lozenge (`Authenticate to see
  /// status`).
  public func statusEntry(named query: String) -> StatusEntry? {
    let key = Self.normalised(query)
    guard !key.isEmpty else { return nil }
    if let category = ruleSet.linkStatus.categories.first(where: { Self.normalised($0.name) == key }
    ) {
      return .category(category)
    }
    return ruleSet.linkStatus.lozenges.first { Self.normalised($0.text) == key }.map(
      StatusEntry.lozenge)
  }

  /// The problems whose link-status type is one of `types`, in that order.
  public func problems(withStatusTypes types: [String]) -> [(type: String, problem: ProblemInfo)] {
    types.compactMap { type in
      ruleSet.problems.first { $0.linkStatusTypes.contains(type) }.map { (type, $0) }
    }
  }

  /// Problems whose words best match `query`, best first; empty when nothing matches at all.
  public func suggestions(for query: String, limit: Int = 3) -> [ProblemInfo] {
    let words = Self.words(query)
    guard !words.isEmpty else { return [] }
    let scored = ruleSet.problems.enumerated().compactMap {
      index, problem -> (Int, Int, ProblemInfo)? in
      let title = Self.words(
        problem.title + " " + problem.id + " " + problem.linkStatusTypes.joined(separator: " "))
      let body = Self.words(
        [problem.summary, problem.meaning, problem.logMessage]
          .joined(separator: " ") + " "
          + problem.causes.map { ([$0.description] + $0.actions).joined(separator: " ") }
          .joined(separator: " "))
      var score = 0
      for word in words {
        if title.contains(word) {
          score += 10
        } else if title.contains(where: { $0.hasPrefix(word) }) {
          score += 6
        }
        if body.contains(word) {
          score += 3
        } else if word.count >= 4, body.contains(where: { $0.hasPrefix(word) }) {
          score += 1
        }
      }
      return score > 0 ? (score, index, problem) : nil
    }
    return scored.sorted { ($0.0, -$0.1) > ($1.0, -$1.1) }.prefix(limit).map(\.2)
  }

  static func normalised(_ text: String) -> String {
    text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
  }

  /// Lower-case words of letters and digits; `_` and `-` split words too, so `clock_skew`
  /// finds "clock skew".
  static func words(_ text: String) -> Set<String> {
    let stop: Set<String> = ["the", "a", "an", "of", "to", "and", "or", "is", "in", "on", "for"]
    var result: Set<String> = []
    var current = ""
    for character in text.lowercased() {
      if character.isLetter || character.isNumber {
        current.append(character)
      } else if !current.isEmpty {
        result.insert(current)
        current = ""
      }
    }
    if !current.isEmpty { result.insert(current) }
    return result.subtracting(stop)
  }
}

/// A name of the links screen that is not a problem.
public enum StatusEntry: Sendable, Equatable {
  case category(StatusCategory)
  case lozenge(StatusLozenge)
}
