import Foundation
import LogRules
import RuleMatching
import TestSupport
import Testing

private func exported() throws -> [String: Any] {
  try JSONSerialization.jsonObject(with: ruleSet.jsonData()) as! [String: Any]
}

private func load(_ object: [String: Any]) throws(RuleSetError) -> RuleSet {
  let data = try! JSONSerialization.data(withJSONObject: object)
  return try RuleSet(jsonData: data)
}

private func expectRefusal(_ object: [String: Any], mentioning text: String) {
  do {
    _ = try load(object)
    Issue.record("accepted a rule set that should be refused (\(text))")
  } catch {
    #expect(error.description.contains(text), "\(error.description)")
  }
}

@Test func exportRoundTrips() throws {
  let data = try ruleSet.jsonData()
  #expect(try RuleSet(jsonData: data) == ruleSet)
  #expect(try ruleSet.jsonData() == data, "export is deterministic")
}

@Test func everyExportedPatternIsPortable() {
  for rule in ruleSet.rules {
    #expect(PortableSubset.nonPortableConstruct(in: rule.pattern) == nil, "\(rule.id)")
  }
  for extractor in ruleSet.extractors {
    #expect(PortableSubset.nonPortableConstruct(in: extractor.pattern) == nil, "\(extractor.field)")
  }
  for layout in ruleSet.layouts {
    #expect(PortableSubset.nonPortableConstruct(in: layout.pattern) == nil, "\(layout.id)")
  }
}

@Test(arguments: [
  ("(?<=a)b", "lookbehind"), ("(?<!a)b", "lookbehind"), ("(?<name>a)", "named groups"),
  ("(?P<name>a)", "named groups"), ("(?>a)", "atomic"), ("a*+", "possessive"),
  ("a++", "possessive"),
  ("(?i)a", "inline flags"), ("\\d+", "[0-9]"), ("\\bword\\b", "\\b"), ("a$", "$"), ("\\Aa", "\\A"),
])
func nonPortableConstructsAreNamed(pattern: String, reason: String) {
  #expect(PortableSubset.nonPortableConstruct(in: pattern)?.contains(reason) == true)
}

@Test func escapedCharactersAreNotMistakenForConstructs() {
  #expect(PortableSubset.nonPortableConstruct(in: "price \\$5 a\\+\\+ \\(?<x") == nil)
}

@Test func malformedJSONIsRefused() {
  #expect(throws: RuleSetError.self) { try RuleSet(jsonData: Data("{ nope".utf8)) }
  #expect(throws: RuleSetError.self) { try RuleSet(jsonData: Data("[]".utf8)) }
}

@Test func wrongSchemaVersionIsRefused() throws {
  var object = try exported()
  object["schema_version"] = 1
  expectRefusal(object, mentioning: "schema_version 1 is not supported")
  object["schema_version"] = "2"
  expectRefusal(object, mentioning: "schema_version")
}

@Test func missingFieldIsNamed() throws {
  var object = try exported()
  var rules = object["rules"] as! [[String: Any]]
  rules[3].removeValue(forKey: "pattern")
  object["rules"] = rules
  expectRefusal(object, mentioning: "missing field 'pattern' in rules[3]")
}

@Test func unknownFieldIsNamed() throws {
  var object = try exported()
  var rules = object["rules"] as! [[String: Any]]
  rules[0]["flags"] = "i"
  object["rules"] = rules
  expectRefusal(object, mentioning: "unknown field 'flags' in rules[0]")
  var top = try exported()
  top["extra"] = true
  expectRefusal(top, mentioning: "unknown field 'extra' at the top level")
}

@Test func hugeNumbersAreRefused() throws {
  var object = try exported()
  var rules = object["rules"] as! [[String: Any]]
  rules[0]["priority"] = 1e300
  object["rules"] = rules
  expectRefusal(object, mentioning: "rules[0].priority must be a whole number")
  var big = try exported()
  var extractors = big["extractors"] as! [[String: Any]]
  extractors[0]["groups"] = [123_456_789]
  big["extractors"] = extractors
  expectRefusal(big, mentioning: "extractors[0].groups must be whole numbers from 0 to 99")
}

@Test func duplicatedIDsAreRefused() throws {
  var object = try exported()
  var rules = object["rules"] as! [[String: Any]]
  rules[1]["id"] = rules[0]["id"]
  object["rules"] = rules
  expectRefusal(object, mentioning: "appears more than once")
  var problems = try exported()
  var list = problems["problems"] as! [[String: Any]]
  list.append(list[0])
  problems["problems"] = list
  expectRefusal(problems, mentioning: "appears more than once")
}

@Test func ruleForAnUnknownProblemIsRefused() throws {
  var object = try exported()
  var rules = object["rules"] as! [[String: Any]]
  rules[0]["problem"] = "nope"
  object["rules"] = rules
  expectRefusal(object, mentioning: "unknown problem 'nope'")
}

@Test func patternsAreCheckedWhenCompiled() throws {
  var object = try exported()
  var rules = object["rules"] as! [[String: Any]]
  let id = rules[0]["id"] as! String
  rules[0]["pattern"] = "(unclosed"
  object["rules"] = rules
  let set = try load(object)
  #expect(throws: RuleSetError.self) { try RuleMatcher(set) }
  do { _ = try RuleMatcher(set) } catch {
    #expect(error.message.hasPrefix("rule \(id): "))
    #expect(error.code == .patternDoesNotCompile)
  }
  rules[0]["pattern"] = "oauth_problem=(\\w+)"
  object["rules"] = rules
  let nonPortable = try load(object)
  do {
    _ = try RuleMatcher(nonPortable)
    Issue.record("accepted \\w")
  } catch {
    #expect(error.message.hasPrefix("rule \(id): "))
    #expect(error.code == .nonPortablePattern)
  }
}

@Test(arguments: [("a\\sb", "\\s"), ("a\\Sb", "\\S"), ("a.b", ". stops"), ("x.*y", ". stops")])
func spacesAndDotsAreNotPortable(pattern: String, reason: String) {
  #expect(PortableSubset.nonPortableConstruct(in: pattern)?.contains(reason) == true)
}

@Test(arguments: ["a[.]b", "a\\.b", "[^\\n]*", "[]a.]", "[^].]"])
func dotsInClassesOrEscapedArePortable(pattern: String) {
  #expect(PortableSubset.nonPortableConstruct(in: pattern) == nil)
}

// ICU and Java read these as set operations; PCRE2, Python and JavaScript as members.
@Test(arguments: [
  ("[a[b]]", "nested set"), ("[][]", "nested set"), ("x[^a[]", "nested set"),
  ("[a&&b]", "intersection"), ("[^]&&]", "intersection"),
])
func setOperationsInClassesAreNotPortable(pattern: String, reason: String) {
  #expect(PortableSubset.nonPortableConstruct(in: pattern)?.contains(reason) == true)
}

@Test(arguments: ["[\\[]", "a[b]c[d]", "a&&b", "[a&b]", "[]a]", "\\[[a]"])
func bracketsAndAmpersandsOutsideSetOperationsArePortable(pattern: String) {
  #expect(PortableSubset.nonPortableConstruct(in: pattern) == nil)
}

@Test func hugeLiteralsAreRefused() throws {
  var object = try exported()
  var rules = object["rules"] as! [[String: Any]]
  rules[0]["literals"] = [String(repeating: "x", count: 5_000)]
  object["rules"] = rules
  expectRefusal(object, mentioning: "a literal of 5000 bytes is longer than 1024")
  var many = try exported()
  var list = many["rules"] as! [[String: Any]]
  for index in list.indices {
    list[index]["literals"] = [String(repeating: "\(index)-", count: 300)]
  }
  many["rules"] = list
  expectRefusal(many, mentioning: "the literals add up to")
}
