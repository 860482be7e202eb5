import KnowledgeBase
import LogRules

extension Catalogue {
  /// What is wrong with the rules this catalogue would publish, naming problem and field: a
  /// pattern outside the portable subset or that does not compile, a capture naming an
  /// undeclared field, an example not explained as its own problem, or a rule's literal that
  /// lies outside the text its pattern matched (the prefilter relies on it), or an example of
  /// an unrelated failure that its pattern misses or that a rule still explains.
  ///
  /// `kb build` and `kb check` refuse a catalogue with any, so `lookup` never meets a
  /// published rule it refuses.
  public func ruleIssues() -> [ValidationIssue] {
    var issues: [ValidationIssue] = []
    func add(_ problem: Problem, _ field: String, _ message: String) {
      issues.append(ValidationIssue(entry: "problem \(problem.id)", field: field, message: message))
    }
    for problem in problems where !problem.retired {
      for (index, message) in problem.messages.enumerated() {
        let field = "messages[\(index)]"
        do {
          let regex = try CheckedPattern(message.pattern)
          if regex.groupCount < message.captures.count {
            add(
              problem, field + ".captures",
              "names \(message.captures.count) captures but the pattern has \(regex.groupCount) groups"
            )
          }
        } catch { add(problem, field + ".pattern", error.reason) }
        for name in message.captures where !name.isEmpty && FieldRegistry.field(name) == nil {
          add(problem, field + ".captures", "'\(name)' is not a field of FieldRegistry")
        }
      }
      for rule in Rule.rules(for: problem) where rule.shape != "message" {
        do { _ = try CheckedPattern(rule.pattern) } catch {
          let field = rule.shape == "status-type" ? "linkStatusType" : "oauthProblem"
          add(problem, field, "makes rule \(rule.id) unusable: \(error.reason)")
        }
      }
    }
    issues += layoutIssues()
    guard issues.isEmpty else { return issues }
    let ruleSet = RuleSet(catalogue: self)
    let matcher: RuleMatcher
    do { matcher = try RuleMatcher(ruleSet) } catch {
      return [ValidationIssue(entry: "catalogue", field: "rules", message: error.description)]
    }
    let rules = Dictionary(uniqueKeysWithValues: ruleSet.rules.map { ($0.id, $0) })
    for problem in problems where !problem.retired {
      for (index, example) in problem.examples.enumerated() {
        let field = "examples[\(index)]"
        guard let found = matcher.match(line: example) else {
          add(problem, field, "no rule explains it")
          continue
        }
        guard found.problem == problem.id else {
          add(problem, field, "explained as \(found.problem) (rule \(found.rule))")
          continue
        }
        guard let rule = rules[found.rule],
          let matched = (try? CheckedPattern(rule.pattern))?.firstMatch(in: example)?.first ?? nil
        else { continue }
        for literal in rule.literals where !matched.contains(literal) {
          add(
            problem, field,
            "rule \(rule.id) matched \"\(matched)\", which lacks its literal \"\(literal)\"")
        }
      }
    }
    for failure in unrelated {
      let entry = "unrelated \(failure.id)"
      let own = try? CheckedPattern(failure.pattern)
      for (index, example) in failure.examples.enumerated() {
        let field = "examples[\(index)]"
        if own?.firstMatch(in: example) == nil {
          issues.append(
            ValidationIssue(entry: entry, field: field, message: "its pattern does not match"))
        }
        if let found = matcher.match(line: example) {
          issues.append(
            ValidationIssue(
              entry: entry, field: field,
              message: "explained as \(found.problem) (rule \(found.rule))"))
        }
      }
    }
    return issues
  }

  /// Each layout compiles, has samples, and matches each of them where no layout before it
  /// does (the first layout that matches a line is the one that counts); each field pattern
  /// compiles.
  private func layoutIssues() -> [ValidationIssue] {
    var issues: [ValidationIssue] = []
    var earlier: [(id: String, pattern: CheckedPattern)] = []
    for layout in layouts {
      let entry = "layout \(layout.id)"
      if layout.samples.isEmpty {
        issues.append(
          ValidationIssue(entry: entry, field: "samples", message: "has no sample line"))
      }
      let pattern: CheckedPattern
      do { pattern = try CheckedPattern(layout.pattern) } catch {
        issues.append(ValidationIssue(entry: entry, field: "pattern", message: error.reason))
        continue
      }
      for (index, sample) in layout.samples.enumerated() {
        let field = "samples[\(index)]"
        if let taken = earlier.first(where: { $0.pattern.firstMatch(in: sample) != nil }) {
          issues.append(
            ValidationIssue(
              entry: entry, field: field, message: "is taken by layout \(taken.id), tried before"))
        } else if pattern.firstMatch(in: sample) == nil {
          issues.append(ValidationIssue(entry: entry, field: field, message: "does not match"))
        }
      }
      earlier.append((layout.id, pattern))
    }
    for (index, fieldPattern) in fieldPatterns.enumerated() {
      do { _ = try CheckedPattern(fieldPattern.pattern) } catch {
        issues.append(
          ValidationIssue(
            entry: "field pattern \(index) (\(fieldPattern.field))", field: "pattern",
            message: error.reason))
      }
    }
    return issues
  }
}
