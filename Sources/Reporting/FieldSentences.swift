import LogRules

/// Puts the fields of a finding into words, as the rule set's field declarations say.
public struct FieldSentences: Sendable {
  /// The declarations of every field, in the order sentences are given (the rule set's `fields`).
  public let fields: [FieldInfo]

  /// Sentences for `fields`, usually a rule set's ``RuleSet/fields``.
  public init(fields: [FieldInfo]) { self.fields = fields }

  /// One sentence per field with a value, in declaration order; a field named inside another
  /// field's sentence is said there only; origin fields close with one joined sentence.
  public func describe(_ values: [String: String]) -> [String] {
    let present = fields.filter { !(values[$0.name] ?? "").isEmpty }
    var sentences: [String] = []
    for field in present where field.group == .evidence {
      // A field another present field mentions is said by that field's sentence instead.
      let mentioned = present.contains { other in
        other.name != field.name && other.group == .evidence && other.mentions.contains(field.name)
      }
      if !mentioned { sentences.append(fill(field.sentence, own: field, values: values)) }
    }
    let origin = present.filter { $0.group == .origin }.map {
      fill($0.sentence, own: $0, values: values)
    }
    if !origin.isEmpty { sentences.append(origin.joined(separator: ", ")) }
    return sentences
  }

  /// The template with values put in; `[...]` parts whose fields are missing are left out.
  func fill(_ template: String, own: FieldInfo, values: [String: String]) -> String {
    var text = ""
    var optional: (text: String, complete: Bool)?
    var characters = template.makeIterator()
    while let character = characters.next() {
      switch character {
      case "[": optional = ("", true)
      case "]":
        if let part = optional, part.complete { text += part.text }
        optional = nil
      case "{":
        var name = ""
        while let next = characters.next(), next != "}" { name.append(next) }
        let fieldName = name == "value" ? own.name : name
        let value = values[fieldName].flatMap { $0.isEmpty ? nil : $0 }
        let info = fieldName == own.name ? own : fields.first { $0.name == fieldName }
        let written = value.map { Self.format($0, info?.format ?? .text) } ?? ""
        if optional != nil {
          optional!.text += written
          optional!.complete = optional!.complete && value != nil
        } else {
          text += written
        }
      default:
        if optional != nil { optional!.text.append(character) } else { text.append(character) }
      }
    }
    return text
  }

  static func format(_ value: String, _ format: FieldInfo.Format) -> String {
    switch format {
    case .text: return value
    case .utcTime:
      return value.replacingOccurrences(of: "T", with: " ").replacingOccurrences(
        of: "Z", with: " UTC")
    case .secondsOffset:
      guard let seconds = Int(value) else { return value }
      return "\(seconds.magnitude) s \(seconds >= 0 ? "ahead of" : "behind")"
    }
  }
}
