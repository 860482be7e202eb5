import Foundation
import KnowledgeBase

/// Why a rule set cannot be used: a stable code for the kind of refusal (the same in every
/// engine) and a message naming the rule, entry or field and what is wrong with it.
public struct RuleSetError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The kind of refusal, the same in every engine (docs/refusal-codes.md).
  public var code: RefusalCode
  /// The words, without the code: `rule consumer_key_unknown.form: appears more than once`.
  public var message: String

  /// A refusal of kind `code`, with the words `message`.
  public init(_ code: RefusalCode, _ message: String) {
    self.code = code
    self.message = message
  }

  /// `error[E0008]: rule consumer_key_unknown.form: appears more than once`.
  public var description: String { "error[\(code)]: \(message)" }

  /// The document as a whole is not a rule set of this format.
  public static func malformedJSON(_ code: RefusalCode, _ reason: String) -> RuleSetError {
    RuleSetError(code, "not a valid rule set: \(reason)")
  }

  /// The document's `schema_version` is a whole number, but not the one this loader reads.
  public static func unsupportedSchemaVersion(_ version: Int) -> RuleSetError {
    RuleSetError(
      .unsupportedSchemaVersion,
      "schema_version \(version) is not supported (this lookup reads version \(RuleSet.schemaVersion))"
    )
  }

  /// A pattern of a rule, extractor, layout or exclusion cannot be used.
  public static func invalidPattern(
    _ code: RefusalCode, kind: String, id: String, reason: String
  ) -> RuleSetError {
    RuleSetError(code, "\(kind) \(id): \(reason)")
  }

  /// An entry (rule, problem, extractor, field, layout) cannot be used.
  public static func invalidEntry(
    _ code: RefusalCode, kind: String, id: String, reason: String
  ) -> RuleSetError {
    RuleSetError(code, "\(kind) \(id): \(reason)")
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
    // Foundation reads more than JSON (a byte-order mark, trailing commas); other engines do not.
    guard StrictJSON.isValid(Array(data)) else {
      throw .malformedJSON(.notJSON, "the file is not JSON")
    }
    do { object = try JSONSerialization.jsonObject(with: data) } catch {
      throw .malformedJSON(.notJSON, "the file is not JSON")
    }
    guard let top = object as? [String: Any] else {
      throw .malformedJSON(.wrongType, "the top level must be an object")
    }
    guard let version = top["schema_version"] as? Int else {
      throw .malformedJSON(
        .unsupportedSchemaVersion, "schema_version is missing or not a whole number")
    }
    guard version == RuleSet.schemaVersion else { throw .unsupportedSchemaVersion(version) }
    try RuleSetShape.checkKeys(top)
    try RuleSetShape.checkNumbers(top)
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    do { self = try decoder.decode(RuleSet.self, from: data) } catch let error as DecodingError {
      throw RuleSetShape.refusal(for: error, in: data)
    } catch { throw .malformedJSON(.wrongType, "the document does not have the expected form") }
    try check()
  }

  /// The automaton over all literals takes 1 KiB per literal byte, so a rule set from a file
  /// may not make it large.
  package static let maxLiteralBytes = 1_024
  package static let maxTotalLiteralBytes = 65_536

  /// Checks what the types cannot: unique ids, references that resolve, sane numbers.
  package func check() throws(RuleSetError) {
    if !RuleSet.maxLineBytesRange.contains(maxLineBytes) {
      throw .malformedJSON(
        .numberOutOfRange, RuleSetShape.rangeMessage("max_line_bytes", RuleSet.maxLineBytesRange))
    }
    if !RuleSet.summaryMaxLinksRange.contains(summaryMaxLinks) {
      throw .malformedJSON(
        .numberOutOfRange,
        RuleSetShape.rangeMessage("summary_max_links", RuleSet.summaryMaxLinksRange))
    }
    let total = Set(rules.flatMap(\.literals) + extractors.map(\.literal)).reduce(0) {
      $0 + $1.utf8.count
    }
    if total > RuleSet.maxTotalLiteralBytes {
      throw .malformedJSON(
        .literalTooLarge,
        "the literals add up to \(total) bytes; at most \(RuleSet.maxTotalLiteralBytes) are allowed"
      )
    }
    var problemIDs: Set<String> = []
    for problem in problems where !problemIDs.insert(problem.id).inserted {
      throw .invalidEntry(
        .duplicateID, kind: "problem", id: problem.id, reason: "appears more than once")
    }
    var ruleIDs: Set<String> = []
    for rule in rules {
      if !ruleIDs.insert(rule.id).inserted {
        throw .invalidEntry(
          .duplicateID, kind: "rule", id: rule.id, reason: "appears more than once")
      }
      if !problemIDs.contains(rule.problem) {
        throw .invalidEntry(
          .unknownReference, kind: "rule", id: rule.id,
          reason: "names unknown problem '\(rule.problem)'")
      }
      if rule.literals.isEmpty || rule.literals.contains(where: \.isEmpty) {
        throw .invalidEntry(
          .noUsableLiteral, kind: "rule", id: rule.id,
          reason: "needs at least one non-empty literal")
      }
      if let long = rule.literals.first(where: { $0.utf8.count > RuleSet.maxLiteralBytes }) {
        throw .invalidEntry(
          .literalTooLarge, kind: "rule", id: rule.id,
          reason: "a literal of \(long.utf8.count) bytes is longer than \(RuleSet.maxLiteralBytes)")
      }
      if rule.literals.contains(where: { $0.contains("\n") }) {
        throw .invalidEntry(
          .literalLineFeed, kind: "rule", id: rule.id, reason: "a literal contains a line feed")
      }
      if abs(rule.priority) > 1_000_000 {
        throw .invalidEntry(
          .numberOutOfRange, kind: "rule", id: rule.id,
          reason: "priority \(rule.priority) is out of range")
      }
    }
    for extractor in extractors {
      if extractor.groups.isEmpty {
        throw .invalidEntry(
          .extractorGroups, kind: "extractor", id: extractor.field,
          reason: "needs at least one group")
      }
      if extractor.groups.contains(where: { $0 < 0 || $0 > 99 }) {
        throw .invalidEntry(
          .numberOutOfRange, kind: "extractor", id: extractor.field,
          reason: "groups must be whole numbers from 0 to 99")
      }
      if extractor.transform == .range && extractor.groups.count != 2 {
        throw .invalidEntry(
          .extractorGroups, kind: "extractor", id: extractor.field,
          reason: "range needs two groups")
      }
    }
    try checkFieldNames()
    let productIDs = Set(products.map(\.id))
    for layout in layouts {
      if let product = layout.product, !productIDs.contains(product) {
        throw .invalidEntry(
          .unknownReference, kind: "layout", id: layout.id,
          reason: "names unknown product '\(product)'")
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
      throw .invalidEntry(
        .duplicateID, kind: "field", id: field.name, reason: "appears more than once")
    }
    func check(_ names: [String], kind: String, id: String) throws(RuleSetError) {
      if let unknown = names.first(where: { !$0.isEmpty && !declared.contains($0) }) {
        throw .invalidEntry(
          .undeclaredField, kind: kind, id: id, reason: "names undeclared field '\(unknown)'")
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
      throw .malformedJSON(.unknownField, "unknown field '\(key)' at the top level")
    }
    let status = top["link_status"] as? [String: Any]
    for key in (status?.keys.sorted() ?? []) where !["lozenges", "categories"].contains(key) {
      throw .malformedJSON(.unknownField, "unknown field '\(key)' in link_status")
    }
    for (section, allowed) in keys.sorted(by: { $0.key < $1.key }) where !section.isEmpty {
      let nested = section.hasPrefix("link_status.")
      let value = nested ? status?[String(section.dropFirst("link_status.".count))] : top[section]
      guard let entries = value as? [Any] else { continue }
      for (index, entry) in entries.enumerated() {
        guard let object = entry as? [String: Any] else { continue }
        for key in object.keys.sorted() where !allowed.contains(key) {
          let id =
            (object["id"] ?? object["field"] ?? object["name"]).map { " (\(json($0)))" } ?? ""
          throw .malformedJSON(
            .unknownField, "unknown field '\(key)' in \(section)[\(index)]\(id)")
        }
      }
    }
  }

  /// A value of the document as its JSON text (a string as it is), never in Swift's notation.
  static func json(_ value: Any) -> String {
    if let text = value as? String { return text }
    let data = try? JSONSerialization.data(
      withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys, .withoutEscapingSlashes])
    return data.map { String(decoding: $0, as: UTF8.self) } ?? "a value"
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
      throw .malformedJSON(.numberOutOfRange, rangeMessage(key, range))
    }
    for (index, rule) in ((top["rules"] as? [Any]) ?? []).enumerated() {
      guard let rule = rule as? [String: Any], rule["priority"] != nil else { continue }
      if !whole(rule["priority"], in: -1_000_000...1_000_000) {
        throw .malformedJSON(
          .numberOutOfRange,
          "rules[\(index)].priority must be a whole number from -1000000 to 1000000")
      }
    }
    for (index, extractor) in ((top["extractors"] as? [Any]) ?? []).enumerated() {
      guard let groups = (extractor as? [String: Any])?["groups"] as? [Any] else { continue }
      if !groups.allSatisfy({ whole($0, in: 0...99) }) {
        throw .malformedJSON(
          .numberOutOfRange, "extractors[\(index)].groups must be whole numbers from 0 to 99")
      }
    }
  }

  /// What the loader says of a limit outside its range.
  static func rangeMessage(_ key: String, _ range: ClosedRange<Int>) -> String {
    "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)"
  }

  /// The fields that take one value of a fixed list, by their key (`normalisation` for the
  /// steps of its array), with the values allowed.
  static let enumValues: [String: [String]] = [
    "basis": Basis.allCases.map(\.rawValue),
    "transform": FieldTransform.allCases.map(\.rawValue),
    "function": DerivedFunction.allCases.map(\.rawValue),
    "normalisation": NormalisationStep.allCases.map(\.rawValue),
    "group": [FieldInfo.Group.evidence, .origin].map(\.rawValue),
    "format": [FieldInfo.Format.text, .utcTime, .secondsOffset].map(\.rawValue),
  ]

  /// A decoding failure as a refusal in the loader's own words, with its code: no Swift type
  /// names and no Foundation wording reach the message.
  static func refusal(for error: DecodingError, in data: Data) -> RuleSetError {
    let document = try? JSONDecoder().decode(JSONValue.self, from: data)
    func path(_ codingPath: [CodingKey]) -> String {
      codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(snakeCase(key.stringValue))" }
        .joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
    func value(at codingPath: [CodingKey]) -> JSONValue? {
      var current = document
      for key in codingPath {
        switch current {
        case .object(let object)?: current = object[snakeCase(key.stringValue)]
        case .array(let array)?:
          guard let index = key.intValue, array.indices.contains(index) else { return nil }
          current = array[index]
        default: return nil
        }
      }
      return current
    }
    func mismatch(_ type: Any.Type, _ context: DecodingError.Context) -> RuleSetError {
      let found = value(at: context.codingPath).map(JSONValue.kindName) ?? "another type"
      return .malformedJSON(
        .wrongType, "\(path(context.codingPath)): expected \(expected(type)), found \(found)")
    }
    switch error {
    case .keyNotFound(let key, let context):
      let at = path(context.codingPath)
      return .malformedJSON(
        .missingField,
        "missing field '\(snakeCase(key.stringValue))'\(at.isEmpty ? "" : " in \(at)")")
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
      return mismatch(type, context)
    case .dataCorrupted(let context):
      let at = path(context.codingPath)
      let key = context.codingPath.last { $0.intValue == nil }.map { snakeCase($0.stringValue) }
      if case .string(let text)? = value(at: context.codingPath), let key,
        let allowed = enumValues[key]
      {
        return .malformedJSON(
          .unknownValue,
          "\(at): unknown value '\(text)' (expected one of: \(allowed.joined(separator: ", ")))")
      }
      if case .integer? = value(at: context.codingPath) {
        return .malformedJSON(.numberOutOfRange, "\(at): the number is out of range")
      }
      let found = value(at: context.codingPath).map(JSONValue.kindName) ?? "something else"
      return .malformedJSON(.wrongType, "\(at): unexpected \(found)")
    @unknown default:
      return .malformedJSON(.wrongType, "the document does not have the expected form")
    }
  }

  /// A key as the file spells it: the decoder reads `link_status` as `linkStatus`.
  static func snakeCase(_ key: String) -> String {
    var result = ""
    for character in key {
      if character.isUppercase {
        result += "_" + character.lowercased()
      } else {
        result.append(character)
      }
    }
    return result
  }

  /// What a decoder expected, in words: `a string`, `an array`.
  static func expected(_ type: Any.Type) -> String {
    if type == String.self { return "a string" }
    if type == Bool.self { return "a boolean" }
    if type == Double.self || type == Float.self { return "a number" }
    if type is any FixedWidthInteger.Type { return "a whole number" }
    let name = String(describing: type)
    if name.hasPrefix("Array") || name.hasPrefix("[") && !name.contains(":") { return "an array" }
    if name.hasPrefix("Dictionary") || name.hasPrefix("[") { return "an object" }
    return "a value of another type"
  }
}

extension JSONValue {
  /// The kind of value, as a message names it: `a string`, `an object`, `null`.
  static func kindName(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool: "a boolean"
    case .integer, .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}
