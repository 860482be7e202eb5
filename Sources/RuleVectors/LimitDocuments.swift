import LogRules

extension RuleSetDocuments {
  /// `max_line_bytes` and `summary_max_links`: refused outside their ranges, missing or not
  /// whole numbers; accepted at both ends of their ranges.
  mutating func addLimitDocuments(_ base: JSONValue) throws {
    for (key, range) in [
      ("max_line_bytes", RuleSet.maxLineBytesRange),
      ("summary_max_links", RuleSet.summaryMaxLinksRange),
    ] {
      let slug = key.replacingOccurrences(of: "_", with: "-")
      let path: Path = [.key(key)]
      for (name, value) in [
        ("too-small", JSONValue.integer(range.lowerBound - 1)),
        ("too-large", .integer(range.upperBound + 1)),
        ("not-whole", .number(Double(range.lowerBound) + 0.5)),
        ("string", .string(String(range.lowerBound))),
      ] {
        try refuseDocument("\(slug)-\(name)", document: Self.setting(path, to: value, in: base))
      }
      try refuseDocument("missing-\(slug)", document: Self.setting(path, to: nil, in: base))
      for (name, bound) in [("smallest", range.lowerBound), ("largest", range.upperBound)] {
        accepted.append(
          try Self.accept(
            "\(slug)-\(name)", "the \(name) \(key) a loader accepts",
            Self.setting(path, to: .integer(bound), in: base)))
      }
    }
  }
}
