import Foundation
import KnowledgeBase
import LogRules
import RuleMatching

/// Small whole rule-set documents for the test vectors: one a conforming loader must refuse
/// for every refusal `RuleSet(jsonData:)` and `RuleMatcher` make, and some it must accept.
///
/// Each is a small valid base (one problem, one rule, a few extractors, one layout) with one
/// change. Every refusal's reason is what this loader says of it, so a refusal this loader
/// would accept cannot be published.
struct RuleSetDocuments {
  typealias Document = RuleTestVectors.Document
  typealias Path = [JSONValue.PathComponent]

  var refusals: [Document] = []
  var accepted: [Document] = []

  init(_ full: RuleSet) throws {
    let base = try JSONValue(encoding: Self.base(of: full))
    let rulePattern: Path = ["rules", 0, "pattern"]
    let valid = Self.string(at: rulePattern, in: base)

    accepted.append(
      try Self.accept("base", "the small rule set every other document changes", base))
    for (name, pattern, why) in [
      ("escaped-specials", valid + "\\$\\.\\+\\+\\(\\?<", "escaped characters are plain"),
      ("escaped-backslash", valid + "(?:\\\\\\\\d)?", "\\\\d is a backslash and a d"),
      ("dot-in-class", valid + "[.]?[]a.]?[^]a.]?", "a dot inside a class is a dot"),
      ("hex-escapes", valid + "[\\x20\\u0009]?", "\\xHH and \\uHHHH are portable"),
    ] {
      accepted.append(
        try Self.accept(name, why, Self.setting(rulePattern, to: .string(pattern), in: base)))
    }

    // The portable subset, one construct at a time, in a rule's pattern.
    for construct in PortableSubset.standard.forbidden {
      try refuse(
        "subset-\(Self.slug(construct))", base: base, path: rulePattern,
        value: .string(valid + Self.sample(of: construct)))
    }
    try refuse(
      "subset-in-extractor", base: base, path: ["extractors", 0, "pattern"],
      value: .string("(?<=oauth_consumer_key=)([a-z]+)"))
    try refuse(
      "subset-in-layout", base: base, path: ["layouts", 0, "pattern"], value: .string("^a.b"))
    try refuse(
      "pattern-does-not-compile", base: base, path: rulePattern, value: .string(valid + "(")
    )
    try refuse(
      "captures-exceed-groups", base: base, path: ["rules", 0, "captures"],
      value: .array([.string("oauth_problem"), .string("consumer_key")]))
    try refuse(
      "extractor-group-missing", base: base, path: ["extractors", 0, "groups"],
      value: .array([.integer(5)]))

    // Literals.
    let literals: Path = ["rules", 0, "literals"]
    try refuse(
      "literal-too-long", base: base, path: literals,
      value: .array([.string(String(repeating: "a", count: RuleSet.maxLiteralBytes + 1))]))
    try refuse("literals-empty", base: base, path: literals, value: .array([]))
    try refuse("literal-empty-string", base: base, path: literals, value: .array([.string("")]))
    try refuse(
      "literal-line-feed", base: base, path: literals, value: .array([.string("a\nb")]))
    let manyLiterals = (0..<(RuleSet.maxTotalLiteralBytes / 1_000 + 1)).map { index in
      JSONValue.string(String(index) + String(repeating: "x", count: 1_000))
    }
    try refuse("literals-too-large-in-all", base: base, path: literals, value: .array(manyLiterals))

    // Shape of the document.
    try refuse("top-level-not-object", document: .array([]))
    try refuse("schema-version-old", base: base, path: ["schema_version"], value: .integer(1))
    try refuse(
      "schema-version-new", base: base, path: ["schema_version"],
      value: .integer(RuleSet.schemaVersion + 1))
    try refuse(
      "schema-version-string", base: base, path: ["schema_version"],
      value: .string(String(RuleSet.schemaVersion)))
    try refuse("unknown-key-top-level", base: base, path: ["rule"], value: .array([]))
    try refuse("unknown-key-in-rule", base: base, path: ["rules", 0, "flags"], value: .string("i"))
    try refuse(
      "unknown-key-in-problem", base: base, path: ["problems", 0, "severity"],
      value: .string("high"))
    try refuse("missing-key-top-level", base: base, path: ["layouts"], value: nil)
    try refuse(
      "unknown-key-in-link-status", base: base, path: ["link_status", "colours"],
      value: .array([]))
    try refuse(
      "unknown-key-in-status-category", base: base,
      path: ["link_status", "categories", 0, "lozenge"], value: .string("NETWORK ERROR"))
    try refuse("missing-key-in-rule", base: base, path: ["rules", 0, "pattern"], value: nil)
    try refuse(
      "missing-key-in-extractor", base: base, path: ["extractors", 0, "transform"], value: nil)
    try refuse("section-not-array", base: base, path: ["rules"], value: .object([:]))
    try refuse(
      "wrong-type-title", base: base, path: ["problems", 0, "title"], value: .integer(7))
    try refuse("null-title", base: base, path: ["problems", 0, "title"], value: .null)
    try refuse("problem-not-object", base: base, path: ["problems"], value: .array([.string("x")]))
    try refuse(
      "catalogue-version-number", base: base, path: ["catalogue_version"], value: .integer(1))
    try refuse("schema-version-missing", base: base, path: ["schema_version"], value: nil)
    try refuse("missing-link-status", base: base, path: ["link_status"], value: nil)
    try refuse("link-status-not-object", base: base, path: ["link_status"], value: .array([]))
    try refuse(
      "normalisation-step-not-string", base: base, path: ["normalisation"],
      value: .array([.integer(1)]))
    try refuse(
      "unknown-field-group", base: base, path: ["fields", 0, "group"], value: .string("footer"))
    try refuse(
      "unknown-field-format", base: base, path: ["fields", 0, "format"], value: .string("html"))

    // Numbers.
    let priority: Path = ["rules", 0, "priority"]
    try refuse("priority-too-high", base: base, path: priority, value: .integer(1_000_001))
    try refuse("priority-too-low", base: base, path: priority, value: .integer(-1_000_001))
    try refuse("priority-not-whole", base: base, path: priority, value: .number(1.5))
    try refuse("priority-string", base: base, path: priority, value: .string("100"))
    try refuse("priority-null", base: base, path: priority, value: .null)
    try refuse("priority-boolean", base: base, path: priority, value: .bool(true))
    let groups: Path = ["extractors", 0, "groups"]
    try refuse("group-too-high", base: base, path: groups, value: .array([.integer(100)]))
    try refuse("group-negative", base: base, path: groups, value: .array([.integer(-1)]))
    try refuse("group-not-whole", base: base, path: groups, value: .array([.number(1.5)]))
    try refuse("groups-empty", base: base, path: groups, value: .array([]))

    // Limits.
    try addLimitDocuments(base)

    // References and duplicates.
    try refuse(
      "duplicate-rule-id", base: base, path: ["rules"],
      value: Self.doubled(["rules", 0], in: base))
    try refuse(
      "duplicate-problem-id", base: base, path: ["problems"],
      value: Self.doubled(["problems", 0], in: base))
    try refuse(
      "duplicate-field", base: base, path: ["fields"],
      value: Self.doubled(["fields", 0], in: base))
    try refuse(
      "rule-names-unknown-problem", base: base, path: ["rules", 0, "problem"],
      value: .string("no_such_problem"))
    try refuse(
      "layout-names-unknown-product", base: base, path: ["layouts", 0, "product"],
      value: .string("no-such-product"))
    try refuse(
      "unknown-transform", base: base, path: ["extractors", 0, "transform"],
      value: .string("base64"))
    try refuse("unknown-basis", base: base, path: ["rules", 0, "basis"], value: .string("hunch"))
    try refuse("missing-basis", base: base, path: ["rules", 0, "basis"], value: nil)
    try refuse("basis-not-string", base: base, path: ["rules", 0, "basis"], value: .integer(1))
    try refuse(
      "unknown-normalisation-step", base: base, path: ["normalisation"],
      value: .array([.string("quote_markers"), .string("unicode_nfc")]))
    try refuse(
      "normalisation-not-array", base: base, path: ["normalisation"],
      value: .string("quote_markers"))
    try refuse("missing-normalisation", base: base, path: ["normalisation"], value: nil)
    try refuse("missing-exclusions", base: base, path: ["exclusions"], value: nil)
    try refuse(
      "exclusion-pattern-not-portable", base: base, path: ["exclusions", 0, "pattern"],
      value: .string("(?<=mail)server"))
    try refuse(
      "exclusion-pattern-not-compiling", base: base, path: ["exclusions", 0, "pattern"],
      value: .string("mail(server"))
    try refuse(
      "unknown-key-in-exclusion", base: base, path: ["exclusions", 0, "literal"],
      value: .string("mail"))
    try refuse(
      "range-needs-two-groups", base: base, path: ["extractors", 0, "transform"],
      value: .string("range"))
    try refuse(
      "unknown-derived-function", base: base, path: ["derived", 0, "function"],
      value: .string("sum"))

    // Fields.
    try refuse(
      "undeclared-capture", base: base, path: ["rules", 0, "captures"],
      value: .array([.string("no_such_field")]))
    try refuse(
      "undeclared-extractor-field", base: base, path: ["extractors", 0, "field"],
      value: .string("no_such_field"))
    try refuse(
      "undeclared-derived-input", base: base, path: ["derived", 0, "inputs"],
      value: .array([.string("no_such_field")]))
    try refuse(
      "undeclared-layout-capture", base: base, path: ["layouts", 0, "captures", 0],
      value: .string("no_such_field"))
    let withoutProduct = Self.setting(
      ["fields"],
      to: .array(
        Self.array(at: ["fields"], in: base).filter {
          Self.string(at: ["name"], in: $0) != "product"
        }), in: base)
    try refuse("product-not-declared", document: withoutProduct)
  }

  /// One problem, its first rule, the consumer-key extractors, the derived fields, one layout
  /// and its product, and the fields these use; texts cut short.
  static func base(of full: RuleSet) -> RuleSet {
    let rule = full.rules.first { $0.shape == "form" } ?? full.rules[0]
    var problem = full.problem(rule.problem)!
    problem.summary = "Summary."
    problem.meaning = "Meaning."
    problem.causes = [.init("Cause.", actions: ["Action."])]
    problem.linkStatusTypes = []
    let layout = full.layouts.first { $0.product != nil } ?? full.layouts[0]
    var products = full.products.filter { $0.id == layout.product }
    for index in products.indices {
      products[index].applicationLogs = ["<home>/log"]
      products[index].webServerLogs = []
    }
    let extractors = full.extractors.filter { $0.field == "consumer_key" }
    var names: Set<String> = ["product"]
    names.formUnion(rule.captures)
    names.formUnion(extractors.map(\.field))
    names.formUnion(full.derived.flatMap { [$0.field] + $0.inputs })
    names.formUnion(layout.captures)
    return RuleSet(
      catalogueVersion: full.catalogueVersion, problems: [problem], products: products,
      rules: [rule], extractors: extractors, derived: full.derived, layouts: [layout],
      fields: full.fields.filter { names.contains($0.name) },
      linkStatus: LinkStatus(
        lozenges: [], categories: [.init(name: "NETWORK_ERROR", meaning: "M.", types: [])]),
      // One exclusion of its own, so that the documents do not depend on the catalogue's.
      exclusions: [
        Exclusion(id: "database", system: "the product's database", pattern: "org\\.postgresql\\.")
      ])
  }

  /// A pattern fragment holding `construct`, well formed around it where it can be.
  static func sample(of construct: PortableSubset.Construct) -> String {
    let text = construct.construct
    switch construct.kind {
    case .bareDot: return "a.b"
    case .classOperator: return text == "[" ? "[a[b]]" : "[a&&b]"
    case .escape:
      switch text {
      case "\\x{": return "\\x{41}"
      case "\\p", "\\P": return text + "{L}"
      case "\\Q": return "\\Qa\\E"
      case "\\k": return "\\k<a>"
      case "\\c": return "\\cA"
      default: return text
      }
    case .sequence:
      if text.hasPrefix("(") { return text + "a)" }
      if text == "}+" { return "a{2}+" }
      if text == "[:" { return "[[:alpha:]]" }
      if text == "$" { return "$" }
      return "a" + text
    }
  }

  /// `escape-d`, `sequence-lookbehind-1`: a readable id for a construct.
  static func slug(_ construct: PortableSubset.Construct) -> String {
    let names: [String: String] = [
      "(?<=": "lookbehind", "(?<!": "negative-lookbehind", "(?<": "named-group",
      "(?P": "python-named-group", "(?>": "atomic-group", "*+": "possessive-star",
      "++": "possessive-plus", "?+": "possessive-question", "}+": "possessive-braces",
      "[:": "posix-class", "$": "dollar", ".": "bare-dot", "\\x{": "escape-x-braces",
    ]
    if construct.kind == .classOperator {
      return construct.construct == "[" ? "nested-class" : "class-intersection"
    }
    if let name = names[construct.construct] { return name }
    if construct.construct.hasPrefix("(?") {
      return "inline-flag-" + construct.construct.dropFirst(2)
    }
    let letter = construct.construct.dropFirst()
    return "escape-" + (letter.lowercased() == letter ? letter : "upper-" + letter.lowercased())
  }

  private mutating func refuse(
    _ id: String, base: JSONValue, path: Path, value: JSONValue?
  ) throws {
    try refuse(id, document: Self.setting(path, to: value, in: base))
  }

  mutating func refuseDocument(_ id: String, document: JSONValue) throws {
    try refuse(id, document: document)
  }

  private mutating func refuse(_ id: String, document: JSONValue) throws {
    let data = try document.jsonData()
    do {
      _ = try RuleMatcher(try RuleSet(jsonData: data))
    } catch {
      refusals.append(Document(id: id, code: error.code, reason: error.message, ruleSet: document))
      return
    }
    throw RuleSetError.invalidEntry(
      .wrongType, kind: "test vector", id: id,
      reason: "this loader accepts the document meant to be refused")
  }

  static func accept(_ id: String, _ reason: String, _ document: JSONValue) throws
    -> Document
  {
    do { _ = try RuleMatcher(try RuleSet(jsonData: try document.jsonData())) } catch {
      throw RuleSetError.invalidEntry(
        .wrongType, kind: "test vector", id: id, reason: "this loader refuses it: \(error)")
    }
    return Document(id: id, reason: reason, ruleSet: document)
  }

  static func setting(_ path: Path, to value: JSONValue?, in document: JSONValue) -> JSONValue {
    document.replacing(path) { _ in value }
  }

  /// The array holding the element at `path` with that element twice.
  static func doubled(_ path: Path, in document: JSONValue) -> JSONValue {
    let array = array(at: Array(path.dropLast()), in: document)
    return .array(array.isEmpty ? [] : [array[0]] + array)
  }

  static func array(at path: Path, in document: JSONValue) -> [JSONValue] {
    if case .array(let array) = value(at: path, in: document) { return array }
    return []
  }

  static func string(at path: Path, in document: JSONValue) -> String {
    if case .string(let text) = value(at: path, in: document) { return text }
    return ""
  }

  static func value(at path: Path, in document: JSONValue) -> JSONValue? {
    var current = document
    for step in path {
      switch (current, step) {
      case (.object(let object), .key(let key)):
        guard let next = object[key] else { return nil }
        current = next
      case (.array(let array), .index(let index)) where array.indices.contains(index):
        current = array[index]
      default: return nil
      }
    }
    return current
  }
}
