/// Why a loader refuses a rule set, as a stable code: one for each kind of refusal, the same in
/// every engine that applies `rules.json`, whatever words each engine puts beside it.
///
/// Declared once, here: `lookup --rules` prints the code, `Site/rules-tests.json` gives each
/// refusal its code, and docs/refusal-codes.md (written by `kb build`) lists them. Codes are
/// public once published: a code keeps its meaning, is never renumbered and never reused; a new
/// kind of refusal takes the next free number.
public enum RefusalCode: String, CaseIterable, Codable, Sendable, Comparable,
  CustomStringConvertible
{
  case notJSON = "E0001"
  case unsupportedSchemaVersion = "E0002"
  case wrongType = "E0003"
  case missingField = "E0004"
  case unknownField = "E0005"
  case unknownValue = "E0006"
  case numberOutOfRange = "E0007"
  case duplicateID = "E0008"
  case unknownReference = "E0009"
  case undeclaredField = "E0010"
  case noUsableLiteral = "E0011"
  case literalTooLarge = "E0012"
  case literalLineFeed = "E0013"
  case nonPortablePattern = "E0014"
  case patternDoesNotCompile = "E0015"
  case groupNotInPattern = "E0016"
  case extractorGroups = "E0017"

  /// `E0007`.
  public var description: String { rawValue }

  /// Codes in their order of number.
  public static func < (lhs: RefusalCode, rhs: RefusalCode) -> Bool { lhs.rawValue < rhs.rawValue }

  /// One line: what is wrong.
  public var title: String {
    switch self {
    case .notJSON: "the file is not JSON"
    case .unsupportedSchemaVersion: "no schema version, or one this loader does not read"
    case .wrongType: "a value of the wrong type"
    case .missingField: "a field that must be there is missing"
    case .unknownField: "a field the format does not have"
    case .unknownValue: "a value outside the field's list of values"
    case .numberOutOfRange: "a number that is not a whole number in its range"
    case .duplicateID: "an id or name given twice"
    case .unknownReference: "a reference to a problem or product the rule set lacks"
    case .undeclaredField: "a field name that `fields` does not declare"
    case .noUsableLiteral: "a rule without a non-empty literal"
    case .literalTooLarge: "a literal, or all literals together, too large"
    case .literalLineFeed: "a literal holding a line feed"
    case .nonPortablePattern: "a pattern outside the portable subset"
    case .patternDoesNotCompile: "a pattern that does not compile"
    case .groupNotInPattern: "a capture group the pattern does not have"
    case .extractorGroups: "an extractor with the wrong number of groups"
    }
  }

  /// What the code covers and how to put it right, in Markdown.
  public var explanation: String {
    switch self {
    case .notJSON:
      "The file is not JSON text as RFC 8259 defines it, in UTF-8: a comma before a closing "
        + "bracket, a comment, a byte-order mark, `NaN`, single quotes, a cut-off file, or more "
        + "than 512 arrays and objects inside one another. Some parsers read a few of these; "
        + "every loader of a rule set refuses them all, so that all read it alike. Nothing else "
        + "is checked. Check the file with a strict JSON tool, or build it again with `kb build`."
    case .unsupportedSchemaVersion:
      "`schema_version` is missing, is not a whole number, or names a version of the format "
        + "this loader does not read. It is checked before anything but the top level, "
        + "because another version may mean other fields. Use a rule set built for "
        + "this version (the message says which version the loader reads), or a loader of the "
        + "rule set's version."
    case .wrongType:
      "A value is not of the JSON type its place calls for: the top level is not an object, a "
        + "section is not an array, a text is a number, a value is `null`. The message gives "
        + "the place (such as `problems[0].title`), the type expected and the type found."
    case .missingField:
      "A field that the format requires is absent (optional fields, such as a problem's "
        + "`oauth_problem` or a layout's `product`, may be left out). The message names the "
        + "field and the entry it is missing from."
    case .unknownField:
      "An object has a field the format does not define: at the top level, in an entry of a "
        + "section or in `link_status`. Consumers would ignore it silently, so a typo in a "
        + "hand-edited rule set would change answers without a word; it is refused instead. "
        + "The message names the field and the entry (with its id)."
    case .unknownValue:
      "A field that takes one of a fixed list of values has another: a rule's `basis`, an "
        + "extractor's `transform`, a derived field's `function`, a step of `normalisation`, "
        + "a field's `group` or `format`. The message lists the values allowed."
    case .numberOutOfRange:
      "A number is not a whole number within its range: a rule's `priority` (from -1000000 to "
        + "1000000) or an extractor's `groups` (from 0 to 99). `1.5` and `\"100\"` are refused "
        + "here too."
    case .duplicateID:
      "Two problems, two rules or two fields share an id (a field, its name). Every rule and "
        + "problem is named in findings by its id, so each must be unique."
    case .unknownReference:
      "An entry names another that the rule set does not have: a rule's `problem` that no "
        + "problem has as its id, or a layout's `product` that no product has."
    case .undeclaredField:
      "A rule's or layout's `captures`, an extractor's `field`, or a derived field's `field` "
        + "or `inputs` names a field that `fields` does not declare; or `fields` lacks "
        + "`product`, which the engine itself sets. Every field a finding carries must be "
        + "declared, so that it can be labelled and put into words."
    case .noUsableLiteral:
      "A rule has no literals, or one of them is empty. Every rule needs at least one "
        + "non-empty literal: lines are only tried against a rule's pattern when they hold its "
        + "literals."
    case .literalTooLarge:
      "One literal is longer than 1024 bytes (UTF-8), or the rule set's distinct literals "
        + "(of rules and extractors) add up to more than 65536 bytes. The prefilter over all "
        + "literals grows with their size, so a rule set from a file may not make it large."
    case .literalLineFeed:
      "A literal contains a line feed. Logs are matched one line at a time, so such a literal "
        + "could never be found."
    case .nonPortablePattern:
      "A pattern of a rule, extractor, layout or exclusion uses a construct outside the "
        + "portable subset, which every engine (PCRE2, ICU, Python `re`, JavaScript `RegExp`, "
        + "`java.util.regex`) reads alike. The message names the construct's problem and what "
        + "to write instead; [rule-format.md](rule-format.md#the-portable-subset) lists them all."
    case .patternDoesNotCompile:
      "A pattern of a rule, extractor, layout or exclusion is inside the portable subset but "
        + "is not a regular expression: an unclosed group or class, a quantifier with nothing "
        + "before it."
    case .groupNotInPattern:
      "A rule's `captures` names more groups than its pattern has, or an extractor's `groups` "
        + "names a group number its pattern does not have."
    case .extractorGroups:
      "An extractor's `groups` does not suit it: it is empty, or the transform is `range` "
        + "and it does not name exactly two groups (the start and the end)."
    }
  }

  /// docs/refusal-codes.md, as `kb build` writes it.
  public static var markdownDocument: String {
    var lines = [
      "# Refusal codes",
      "",
      "<!-- Written by `kb build` from Sources/LogRules/RefusalCode.swift; edit that file, not this one. -->",
      "",
      "A loader of `rules.json` refuses a rule set it cannot apply exactly, and says why with a "
        + "code and a message: `lookup --rules` prints `error[E0006]: ...`, the Python reference "
        + "consumer raises `Refused` with its `code`, the site's engine throws `RuleSetError` "
        + "with its `code`. The messages are each engine's own; the code is the same in all of "
        + "them, and every refusal of `Site/rules-tests.json` carries the code every engine "
        + "must give ([rule-format.md](rule-format.md#test-vectors)).",
      "",
      "A code keeps its meaning once published: codes are never renumbered or reused, and a "
        + "new kind of refusal takes the next free number. When a document has several faults, "
        + "the one a loader reports first is not part of the contract; the vectors change one "
        + "thing at a time.",
      "",
      "| code | refused for |",
      "|---|---|",
    ]
    lines += allCases.map { "| [\($0.rawValue)](#\($0.rawValue.lowercased())) | \($0.title) |" }
    for code in allCases {
      lines += [
        "", "## \(code.rawValue)", "", "**\(code.title.capitalisedFirst).**", "", code.explanation,
      ]
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

extension String {
  fileprivate var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
