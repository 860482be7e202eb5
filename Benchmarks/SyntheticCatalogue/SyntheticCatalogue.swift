import Foundation
import KnowledgeBase

/// Large catalogues for benchmarks (`kb-bench`), cloned from a real one. Not part of the
/// product: it lives beside the benchmarks.
public enum SyntheticCatalogue {
  /// A catalogue of `count` problems cloned, in order and round after round, from the problems
  /// of `base`: same texts, causes, messages and examples (so about the same text sizes), with
  /// new ids, titles, `oauth_problem` codes and link-status types so that it still validates
  /// and every example is explained as its own clone. From the second round on, fixed messages
  /// would be explained as the first round's clone, so such clones keep none and carry a
  /// link-status type of their own instead. References between problems point at the clone of
  /// the same round. Deterministic.
  public static func make(from base: Catalogue, problems count: Int) -> Catalogue {
    let originals = base.problems
    guard !originals.isEmpty, count > 0 else {
      return Catalogue(
        version: base.version, problems: [], products: base.products, flavours: base.flavours,
        articles: base.articles, probeChecks: probeChecks(of: base), layouts: base.layouts,
        fieldPatterns: base.fieldPatterns)
    }
    let position = Dictionary(
      originals.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    func cloneID(_ original: String, round: Int) -> String {
      "\(original)-\(String(round + 1))"
    }
    var problems: [Problem] = []
    problems.reserveCapacity(count)
    for index in 0..<count {
      let round = index / originals.count
      var problem = originals[index % originals.count]
      let original = problem.id
      let suffix = letters(round)
      problem.id = cloneID(original, round: round)
      problem.title = "\(problem.title) (variant \(round + 1))"
      if let code = problem.oauthProblem {
        let clone = "\(code)_\(suffix)"
        problem.oauthProblem = clone
        problem.examples = problem.examples.map { $0.replacingOccurrences(of: code, with: clone) }
        problem.logMessage = problem.logMessage.replacingOccurrences(of: code, with: clone)
      }
      let tag = "_" + suffix.uppercased()
      for type in problem.allLinkStatusTypes {
        problem.examples = problem.examples.map { replacingWord(type, with: type + tag, in: $0) }
      }
      problem.linkStatusType = problem.linkStatusType.map { $0 + tag }
      problem.otherLinkStatusTypes = problem.otherLinkStatusTypes.map { $0 + tag }
      if round > 0 && !problem.messages.isEmpty {
        let letters = original.uppercased().filter { $0.isLetter || $0 == "_" }
        let type = problem.linkStatusType ?? "SYNTHETIC_\(letters)\(tag)"
        let names = problem.allLinkStatusTypes + [type] + (problem.oauthProblem.map { [$0] } ?? [])
        problem.examples = problem.examples.map { example in
          names.contains { example.contains($0) } ? example : "{\"error\": {\"type\": \"\(type)\"}}"
        }
        problem.messages = []
        if problem.linkStatusType == nil { problem.linkStatusType = type }
      }
      problem.seeAlso = problem.seeAlso.compactMap { reference in
        guard reference.kind == .problem else { return reference }
        guard let target = position[reference.id] else { return nil }
        // The clone of the same round when it exists, else the first round's (always there
        // when the reference can be kept at all).
        if round * originals.count + target < count {
          return .problem(cloneID(reference.id, round: round))
        }
        return target < count ? .problem(cloneID(reference.id, round: 0)) : nil
      }
      precondition(problem.id != original)
      problems.append(problem)
    }
    return Catalogue(
      version: base.version, problems: problems, products: base.products,
      flavours: base.flavours, articles: base.articles,
      linkStatus: linkStatus(of: base.linkStatus, for: problems),
      probeChecks: probeChecks(of: base), layouts: base.layouts, fieldPatterns: base.fieldPatterns)
  }

  /// The base's probe checks, naming none of the clones: the "Probe a link" page renders as
  /// in the base.
  static func probeChecks(of base: Catalogue) -> [ProbeCheckInfo] {
    base.probeChecks.map { check in
      var check = check
      check.problems = []
      return check
    }
  }

  /// The base's categories holding the clones' types (`UNKNOWN_HOST_A`, ...), and one more for
  /// the types made for clones that had none.
  static func linkStatus(of base: LinkStatus, for problems: [Problem]) -> LinkStatus {
    let types = problems.flatMap(\.allLinkStatusTypes)
    var placed: Set<String> = []
    var categories = base.categories.map { category in
      var copy = category
      copy.types = types.filter { type in
        category.types.contains {
          type.hasPrefix($0 + "_") && !type.dropFirst($0.count + 1).contains("_")
        }
      }
      placed.formUnion(copy.types)
      return copy
    }
    let rest = types.filter { !placed.contains($0) }
    if !rest.isEmpty {
      categories.append(
        StatusCategory(name: "SYNTHETIC", meaning: "Types made for the benchmark.", types: rest))
    }
    return LinkStatus(lozenges: base.lozenges, categories: categories.filter { !$0.types.isEmpty })
  }

  /// `text` with every whole-word `word` (not inside a longer name) replaced.
  static func replacingWord(_ word: String, with replacement: String, in text: String) -> String {
    func isName(_ character: Character?) -> Bool {
      guard let character else { return false }
      return character.isLetter || character.isNumber || character == "_"
    }
    var result = ""
    var rest = text[...]
    while let range = rest.range(of: word) {
      let before =
        range.lowerBound == rest.startIndex
        ? result.last : rest[rest.index(before: range.lowerBound)]
      let after = range.upperBound < rest.endIndex ? rest[range.upperBound] : nil
      result += rest[..<range.lowerBound]
      result += isName(before) || isName(after) ? word : replacement
      rest = rest[range.upperBound...]
    }
    return result + rest
  }

  /// `a`, `b`, ... `z`, `ba`, `bb`, ...: round numbers as lower-case letters, since codes and
  /// status types may hold only letters and `_`.
  static func letters(_ number: Int) -> String {
    var number = number
    var result: [Character] = []
    repeat {
      result.append(Character(Unicode.Scalar(UInt8(97 + number % 26))))
      number /= 26
    } while number > 0
    return String(result.reversed())
  }
}
