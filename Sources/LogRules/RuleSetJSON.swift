import Foundation

/// Why a rule set cannot be used. Every case names the rule (or part) and the reason.
public enum RuleSetError: Error, Sendable, Equatable, CustomStringConvertible {
  case malformedJSON(String)
  case unsupportedSchemaVersion(Int)
  case invalidPattern(kind: String, id: String, reason: String)
  case invalidEntry(kind: String, id: String, reason: String)

  /// The reason in words, naming the part of the rule set at fault.
  public var description: String {
    switch self {
    case .malformedJSON(let reason): "not a valid rule set: \(reason)"
    case .unsupportedSchemaVersion(let version):
      "schema_version \(version) is not supported (this lookup reads version \(RuleSet.schemaVersion))"
    case .invalidPattern(let kind, let id, let reason): "\(kind) \(id): \(reason)"
    case .invalidEntry(let kind, let id, let reason): "\(kind) \(id): \(reason)"
    }
  }
}

/// How the published JSON files are written: snake_case keys, sorted, indented, no timestamps,
/// ending with a line feed, so the same input always gives the same bytes.
public enum PublishedJSON {
  /// `value` as published JSON bytes, ending with a line feed.
  public static func encode<Value: Encodable>(_ value: Value) throws -> Data {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    var data = try encoder.encode(value)
    data.append(0x0A)
    return data
  }
}

/// JSON text for values spliced into hand-written JSON.
enum JSONText {
  /// `text` as a JSON string literal, quotes included.
  static func quoted(_ text: String) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    return (try? encoder.encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
  }
}

extension RuleSet {
  /// The JSON `kb build` writes as `Site/rules.json`: snake_case keys, sorted, no timestamps,
  /// so the same catalogue always gives the same bytes.
  public func jsonData() throws -> Data { try PublishedJSON.encode(self) }

  /// Reads a rule set from `rules.json`, refusing anything `lookup` could not apply exactly.
  public init(jsonData data: Data) throws(RuleSetError) {
    let object: Any
    do { object = try JSONSerialization.jsonObject(with: data) } catch {
      throw .malformedJSON("the file is not JSON (\(error.localizedDescription))")
    }
    guard let top = object as? [String: Any] else {
      throw .malformedJSON("the top level must be an object")
    }
    guard let version = top["schema_version"] as? Int else {
      throw .malformedJSON("schema_version is missing or not a whole number")
    }
    guard version == RuleSet.schemaVersion else { throw .unsupportedSchemaVersion(version) }
    try RuleSetShape.checkKeys(top)
    try RuleSetShape.checkNumbers(top)
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    do { self = try decoder.decode(RuleSet.self, from: data) } catch let error as DecodingError {
      throw .malformedJSON(RuleSetShape.describe(error))
    } catch { throw .malformedJSON("\(error)") }
    try check()
  }

  /// The automaton over all literals takes 1 KiB per literal byte, so a rule set from a file
  /// may not make it large.
  package static let maxLiteralBytes = 1_024
  package static let maxTotalLiteralBytes = 65_536

  /// Checks what the types cannot: unique ids, references that resolve, sane numbers.
  package func check() throws(RuleSetError) {
    if !RuleSet.maxLineBytesRange.contains(maxLineBytes) {
      throw .malformedJSON(RuleSetShape.rangeMessage("max_line_bytes", RuleSet.maxLineBytesRange))
    }
    if !RuleSet.summaryMaxLinksRange.contains(summaryMaxLinks) {
      throw .malformedJSON(
        RuleSetShape.rangeMessage("summary_max_links", RuleSet.summaryMaxLinksRange))
    }
    let total = Set(rules.flatMap(\.literals) + extractors.map(\.literal)).reduce(0) {
      $0 + $1.utf8.count
    }
    if total > RuleSet.maxTotalLiteralBytes {
      throw .malformedJSON(
        "the literals add up to \(total) bytes; at most \(RuleSet.maxTotalLiteralBytes) are allowed"
      )
    }
    var problemIDs: Set<String> = []
    for problem in problems where !problemIDs.insert(problem.id).inserted {
      throw .invalidEntry(kind: "problem", id: problem.id, reason: "appears more than once")
    }
    var ruleIDs: Set<String> = []
    for rule in rules {
      if !ruleIDs.insert(rule.id).inserted {
        throw .invalidEntry(kind: "rule", id: rule.id, reason: "appears more than once")
      }
      if !problemIDs.contains(rule.problem) {
        throw .invalidEntry(
          kind: "rule", id: rule.id, reason: "names unknown problem '\(rule.problem)'")
      }
      if rule.literals.isEmpty || rule.literals.contains(where: \.isEmpty) {
        throw .invalidEntry(
          kind: "rule", id: rule.id, reason: "needs at least one non-empty literal")
      }
      if let long = rule.literals.first(where: { $0.utf8.count > RuleSet.maxLiteralBytes }) {
        throw .invalidEntry(
          kind: "rule", id: rule.id,
          reason: "a literal of \(long.utf8.count) bytes is longer than \(RuleSet.maxLiteralBytes)")
      }
      if rule.literals.contains(where: { $0.contains("\n") }) {
        throw .invalidEntry(kind: "rule", id: rule.id, reason: "a literal contains a line feed")
      }
      if abs(rule.priority) > 1_000_000 {
        throw .invalidEntry(
          kind: "rule", id: rule.id, reason: "priority \(rule.priority) is out of range")
      }
    }
    for extractor in extractors {
      if extractor.groups.isEmpty {
        throw .invalidEntry(
          kind: "extractor", id: extractor.field, reason: "needs at least one group")
      }
      if extractor.groups.contains(where: { $0 < 0 || $0 > 99 }) {
        throw .invalidEntry(kind: "extractor", id: extractor.field, reason: "groups must be 0...99")
      }
      if extractor.transform == .range && extractor.groups.count != 2 {
        throw .invalidEntry(
          kind: "extractor", id: extractor.field, reason: "range needs two groups")
      }
    }
    try checkFieldNames()
    let productIDs = Set(products.map(\.id))
    for layout in layouts {
      if let product = layout.product, !productIDs.contains(product) {
        throw .invalidEntry(
          kind: "layout", id: layout.id, reason: "names unknown product '\(product)'")
      }
    }
  }
}

extension RuleSet {
  /// Every field a rule, extractor, derived field or layout sets must be declared once in
  /// `fields`, so that every finding can be labelled and put into words.
  func checkFieldNames() throws(RuleSetError) {
    var declared: Set<String> = []
    for field in fields where !declared.insert(field.name).inserted {
      throw .invalidEntry(kind: "field", id: field.name, reason: "appears more than once")
    }
    func check(_ names: [String], kind: String, id: String) throws(RuleSetError) {
      if let unknown = names.first(where: { !$0.isEmpty && !declared.contains($0) }) {
        throw .invalidEntry(kind: kind, id: id, reason: "names undeclared field '\(unknown)'")
      }
    }
    for rule in rules { try check(rule.captures, kind: "rule", id: rule.id) }
    for extractor in extractors {
      try check([extractor.field], kind: "extractor", id: extractor.field)
    }
    for derived in derived {
      try check([derived.field] + derived.inputs, kind: "derived", id: derived.field)
    }
    for layout in layouts { try check(layout.captures, kind: "layout", id: layout.id) }
    // The engine itself sets these.
    try check(["product"], kind: "rule set", id: "fields")
  }
}

/// Refuses keys a consumer would silently ignore: a typo in a hand-edited rule set should fail
/// loudly rather than change answers.
enum RuleSetShape {
  static let keys: [String: Set<String>] = [
    "": [
      "schema_version", "catalogue_version", "problems", "products", "rules", "extractors",
      "derived", "layouts", "fields", "link_status", "normalisation", "exclusions", "$schema",
      "max_line_bytes", "summary_max_links",
    ],
    "problems": [
      "id", "title", "summary", "meaning", "category", "category_title", "oauth_problem",
      "link_status_types", "log_message", "causes", "products", "url",
    ],
    "products": [
      "id", "name", "application_logs", "web_server_logs", "log_files", "logger_prefixes",
      "log_file_prefixes",
    ],
    "rules": [
      "id", "problem", "shape", "basis", "literals", "pattern", "captures", "priority",
    ],
    "extractors": ["field", "literal", "pattern", "groups", "transform"],
    "derived": ["field", "function", "inputs"],
    "exclusions": ["id", "system", "pattern"],
    "layouts": ["id", "product", "pattern", "captures"],
    "fields": ["name", "label", "description", "sentence", "group", "format"],
    "link_status.lozenges": ["text", "meaning"],
    "link_status.categories": ["name", "meaning", "types"],
  ]

  static func checkKeys(_ top: [String: Any]) throws(RuleSetError) {
    for key in top.keys.sorted() where !keys[""]!.contains(key) {
      throw .malformedJSON("unknown field '\(key)' at the top level")
    }
    let status = top["link_status"] as? [String: Any]
    for key in (status?.keys.sorted() ?? []) where !["lozenges", "categories"].contains(key) {
      throw .malformedJSON("unknown field '\(key)' in link_status")
    }
    for (section, allowed) in keys.sorted(by: { $0.key < $1.key }) where !section.isEmpty {
      let nested = section.hasPrefix("link_status.")
      let value = nested ? status?[String(section.dropFirst("link_status.".count))] : top[section]
      guard let entries = value as? [Any] else { continue }
      for (index, entry) in entries.enumerated() {
        guard let object = entry as? [String: Any] else { continue }
        for key in object.keys.sorted() where !allowed.contains(key) {
          let id = (object["id"] ?? object["field"] ?? object["name"]).map { " (\($0))" } ?? ""
          throw .malformedJSON("unknown field '\(key)' in \(section)[\(index)]\(id)")
        }
      }
    }
  }

  /// Numbers a consumer could misread: priorities and group indices must be small integers.
  static func checkNumbers(_ top: [String: Any]) throws(RuleSetError) {
    func whole(_ value: Any?, in range: ClosedRange<Int>) -> Bool {
      guard let number = value as? NSNumber, let integer = Int(exactly: number.doubleValue) else {
        return false
      }
      return range.contains(integer) && Double(integer) == number.doubleValue
    }
    for (key, range) in [
      ("max_line_bytes", RuleSet.maxLineBytesRange),
      ("summary_max_links", RuleSet.summaryMaxLinksRange),
    ] where top[key] != nil && !whole(top[key], in: range) {
      throw .malformedJSON(rangeMessage(key, range))
    }
    for (index, rule) in ((top["rules"] as? [Any]) ?? []).enumerated() {
      guard let rule = rule as? [String: Any], rule["priority"] != nil else { continue }
      if !whole(rule["priority"], in: -1_000_000...1_000_000) {
        throw .malformedJSON(
          "rules[\(index)].priority must be a whole number from -1000000 to 1000000")
      }
    }
    for (index, extractor) in ((top["extractors"] as? [Any]) ?? []).enumerated() {
      guard let groups = (extractor as? [String: Any])?["groups"] as? [Any] else { continue }
      if !groups.allSatisfy({ whole($0, in: 0...99) }) {
        throw .malformedJSON("extractors[\(index)].groups must be whole numbers from 0 to 99")
      }
    }
  }

  /// What the loader says of a limit outside its range.
  static func rangeMessage(_ key: String, _ range: ClosedRange<Int>) -> String {
    "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)"
  }

  static func describe(_ error: DecodingError) -> String {
    // Keys as the file spells them: snake_case.
    func snake(_ key: String) -> String {
      key.unicodeScalars.reduce(into: "") { text, scalar in
        if CharacterSet.uppercaseLetters.contains(scalar) {
          text += "_" + String(scalar).lowercased()
        } else {
          text.unicodeScalars.append(scalar)
        }
      }
    }
    func path(_ context: DecodingError.Context) -> String {
      context.codingPath.map { key in
        key.intValue.map { "[\($0)]" } ?? ".\(snake(key.stringValue))"
      }
      .joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
    switch error {
    case .keyNotFound(let key, let context):
      let at = path(context)
      return "missing field '\(snake(key.stringValue))'\(at.isEmpty ? "" : " in \(at)")"
    case .typeMismatch(_, let context), .valueNotFound(_, let context),
      .dataCorrupted(let context):
      return "\(path(context)): \(context.debugDescription)"
    @unknown default: return "\(error)"
    }
  }
}
