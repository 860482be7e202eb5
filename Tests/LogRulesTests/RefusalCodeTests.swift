import Foundation
import LogRules
import RuleMatching
import TestSupport
import Testing

@Test func refusalCodesAreNumberedInOrderWithoutGaps() {
  let codes = RefusalCode.allCases.map(\.rawValue)
  #expect(codes == (1...codes.count).map { "E" + String(format: "%04d", $0) })
  for code in RefusalCode.allCases {
    #expect(!code.title.isEmpty && !code.title.hasSuffix("."), "\(code)")
    #expect(code.title.first?.isLowercase == true, "\(code): a title reads inside a sentence")
    #expect(code.explanation.hasSuffix("."), "\(code)")
  }
}

/// The codes published so far, with their meaning: a code is never renumbered or reused, so
/// changing a line here is a breaking change of the contract (add a code instead).
@Test func publishedCodesKeepTheirMeaning() {
  let published: [(String, RefusalCode)] = [
    ("E0001", .notJSON), ("E0002", .unsupportedSchemaVersion), ("E0003", .wrongType),
    ("E0004", .missingField), ("E0005", .unknownField), ("E0006", .unknownValue),
    ("E0007", .numberOutOfRange), ("E0008", .duplicateID), ("E0009", .unknownReference),
    ("E0010", .undeclaredField), ("E0011", .noUsableLiteral), ("E0012", .literalTooLarge),
    ("E0013", .literalLineFeed), ("E0014", .nonPortablePattern),
    ("E0015", .patternDoesNotCompile), ("E0016", .groupNotInPattern),
    ("E0017", .extractorGroups),
  ]
  for (text, code) in published { #expect(RefusalCode(rawValue: text) == code, "\(text)") }
}

private func refusal(_ text: String) -> RuleSetError? {
  do {
    _ = try RuleMatcher(try RuleSet(jsonData: Data(text.utf8)))
    return nil
  } catch { return error }
}

private func exportedText(_ change: (inout [String: Any]) -> Void) throws -> String {
  var object = try JSONSerialization.jsonObject(with: ruleSet.jsonData()) as! [String: Any]
  change(&object)
  return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
}

@Test func textThatIsNotJSONIsRefusedInTheLoadersWords() throws {
  // Foundation's parser alone reads a byte-order mark and trailing commas; Python and
  // JavaScript refuse them, and so does the loader.
  let notJSON = [
    "{ nope", "", "{\"schema_version\": 3,", "[1 2]", "{\"a\": }", "[1,]", "{\"a\": 1,}",
    "\u{FEFF}{}", "[01]", "[1.]", "[.5]", "[\"a\tb\"]", "[\"\\x\"]", "[\"\\u12G4\"]", "[tru]",
    "{} {}",
    "{'a': 1}", "[NaN]", "[+1]",
    String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
  ]
  for text in notJSON {
    let error = try #require(refusal(text))
    #expect(error.code == .notJSON, "\(text.prefix(40))")
    #expect(error.message == "not a valid rule set: the file is not JSON", "\(error)")
    for word in ["couldn't", "isn't", "NSCocoa", "Error Domain", "3840", "character"] {
      #expect(!error.message.contains(word), "\(error.message)")
    }
  }
}

@Test func decodingFailuresAreRefusedInTheLoadersWords() throws {
  let cases: [(RefusalCode, String, (inout [String: Any]) -> Void)] = [
    (.wrongType, "rules: expected an array, found an object", { $0["rules"] = [:] }),
    (
      .wrongType, "catalogue_version: expected a string, found null",
      {
        $0["catalogue_version"] = NSNull()
      }
    ),
    (.wrongType, "problems[0]: expected an object, found a string", { $0["problems"] = ["x"] }),
    (
      .wrongType, "link_status.lozenges: expected an array, found a boolean",
      {
        $0["link_status"] = ["lozenges": true, "categories": []]
      }
    ),
    (
      .unknownValue,
      "fields[0].format: unknown value 'html' (expected one of: text, utc_time, seconds_offset)",
      {
        var fields = $0["fields"] as! [[String: Any]]
        fields[0]["format"] = "html"
        $0["fields"] = fields
      }
    ),
    (
      .unknownValue, "fields[0].group: unknown value 'x' (expected one of: evidence, origin)",
      {
        var fields = $0["fields"] as! [[String: Any]]
        fields[0]["group"] = "x"
        $0["fields"] = fields
      }
    ),
  ]
  for (code, message, change) in cases {
    let error = try #require(refusal(try exportedText(change)), "\(message)")
    #expect(error.code == code, "\(error)")
    #expect(error.message == "not a valid rule set: " + message)
  }
}

@Test func jsonTextOfEveryShapeIsRead() throws {
  // Past the check of the text, these are refused for what they hold, not as JSON.
  for text in [
    " [ ] ", "{}", "[-0.5e+10, 1E3, 0, -12, true, false, null]", "[\"\\u00e9\\n\\\"\\/\"]",
    "[\"é ünïcödé\"]", "\t{\"a\" :\r\n[ {} ] }\n",
    String(repeating: "[", count: 512) + String(repeating: "]", count: 512),
  ] {
    let error = try #require(refusal(text))
    #expect(error.code != .notJSON, "\(text): \(error)")
  }
}

@Test func anEntryNamedByAValueOtherThanTextIsNamedInJSON() throws {
  let text = try exportedText { object in
    var rules = object["rules"] as! [[String: Any]]
    rules[0]["id"] = ["a": [1, true]]
    rules[0]["flags"] = "i"
    object["rules"] = rules
  }
  let error = try #require(refusal(text))
  #expect(error.code == .unknownField)
  #expect(
    error.message == "not a valid rule set: unknown field 'flags' in rules[0] ({\"a\":[1,true]})")
}
