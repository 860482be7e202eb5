import Catalogue
import Foundation
import KnowledgeBase
import LogRules
import LogScanning
import RuleMatching
import RuleVectors
import TestSupport
import Testing

extension RuleTestVectors.Case: CustomTestStringConvertible {
  /// The case's id, so that a failing case is named by it in the test report.
  public var testDescription: String { id }
}
extension RuleTestVectors.Document: CustomTestStringConvertible {
  /// The document's id, so that a failing refusal is named by it in the test report.
  public var testDescription: String { id }
}

@Test func corpusAndVectorsAreInTheRepository() throws {
  #expect(corpus.count >= 26)
  #expect(corpus.filter { $0.expect == nil }.count >= 20, "at least 20 negatives")
  let vectors = try #require(publishedVectors, "Site/rules-tests.json is missing or unreadable")
  #expect(vectors.catalogueVersion == Catalogue.applinks.version)
}

@Test func publishedVectorsAreThoseOfTheCatalogue() throws {
  let fresh = try RuleTestVectors(catalogue: .applinks, ruleSet: ruleSet, corpus: corpus)
  #expect(fresh == publishedVectors, "run 'make site'")
  let kinds = Dictionary(grouping: fresh.cases, by: \.kind).mapValues(\.count)
  #expect(kinds[.example] == Catalogue.applinks.problems.reduce(0) { $0 + $1.examples.count })
  #expect(
    kinds[.real, default: 0] + kinds[.gap, default: 0] + kinds[.negative, default: 0]
      == corpus.count)
  #expect(kinds[.entry] == RuleTestVectors.entryTexts.count)
  #expect(kinds[.link] == RuleTestVectors.linkTexts.count)
  #expect(kinds[.edge] == RuleTestVectors.edgeLines.count)
  #expect(kinds[.limit] == RuleTestVectors.limitTexts.count)
  #expect(
    fresh.cases.allSatisfy { ($0.kind == .limit) == ($0.maxLineBytes != nil) },
    "limit cases, and they alone, carry their max_line_bytes")
  #expect(Set(fresh.cases.map(\.id)).count == fresh.cases.count, "case ids are unique")
  #expect(Set(fresh.refusals.map(\.id)).count == fresh.refusals.count, "refusal ids are unique")
}

/// Each case gives exactly its findings, read in one block and in uneven small reads.
@Test(arguments: publishedVectors?.cases ?? [])
func caseGivesItsFindings(_ vector: RuleTestVectors.Case) throws {
  for scanner in [
    LogScanner(matcher: matcher, maxLineBytes: vector.maxLineBytes),
    LogScanner(matcher: matcher, maxLineBytes: vector.maxLineBytes ?? 4096, blockBytes: 7),
  ] {
    var found: [RuleTestVectors.ExpectedFinding] = []
    _ = try scanner.scan(text: vector.text, source: "-") {
      found.append(
        .init(
          line: $0.line, problem: $0.problem, rule: $0.rule, basis: $0.basis, fields: $0.fields))
    }
    #expect(found == vector.findings)
  }
}

/// Every real line's entry is answered with the problem it is labelled with (its finding of the
/// strongest basis, the first on a tie); a known gap may give nothing but never another
/// problem; every negative gives nothing.
@Test(arguments: corpus)
func realLineIsExplainedAsLabelled(_ line: CorpusLine) throws {
  var findings: [Finding] = []
  _ = try LogScanner(matcher: matcher).scan(text: line.text, source: "-") { findings.append($0) }
  let answer = findings.enumerated().min {
    ($0.element.basis, $0.offset) < ($1.element.basis, $1.offset)
  }?.element.problem
  if let expected = line.expect, line.gap != nil {
    #expect(answer == nil || answer == expected, "\(line.source): a gap answered \(answer ?? "")")
  } else if let expected = line.expect {
    #expect(answer == expected, "\(line.source): answered \(answer ?? "nothing")")
  } else {
    #expect(findings.isEmpty, "\(line.source): a negative gave \(findings.map(\.problem))")
  }
}

extension CorpusLine: CustomTestStringConvertible {
  /// The expected problem (or `negative`) and the line's start, naming a failing corpus line.
  public var testDescription: String { "\(expect ?? "negative"): \(line.prefix(60))" }
}

@Test(arguments: publishedVectors?.refusals ?? [])
func refusalIsRefusedWithItsCodeAndReason(_ document: RuleTestVectors.Document) throws {
  let code = try #require(document.code, "a refusal without a code")
  let data = try document.ruleSet.jsonData()
  do {
    _ = try RuleMatcher(try RuleSet(jsonData: data))
    Issue.record("accepted")
  } catch {
    #expect(error.code == code)
    #expect(error.message == document.reason)
    #expect(error.description == "error[\(code.rawValue)]: \(document.reason)")
  }
}

@Test(arguments: publishedVectors?.accepted ?? [])
func acceptedDocumentLoads(_ document: RuleTestVectors.Document) throws {
  _ = try RuleMatcher(try RuleSet(jsonData: document.ruleSet.jsonData()))
}

@Test func everyConstructOfTheSubsetHasARefusal() throws {
  let vectors = try #require(publishedVectors)
  let refused = Set(vectors.refusals.map(\.reason))
  for construct in PortableSubset.standard.forbidden {
    #expect(refused.contains { $0.hasSuffix(": " + construct.reason) }, "\(construct.construct)")
  }
}

@Test func corpusErrorsNameTheLine() {
  let data = Data("{\"expect\": null, \"line\": \"a\", \"source\": \"s\"}\n\n{\"line\": 3}\n".utf8)
  #expect(throws: CorpusError.self) { try CorpusLine.read(jsonLines: data, file: "c.jsonl") }
  do { _ = try CorpusLine.read(jsonLines: data, file: "c.jsonl") } catch let error as CorpusError {
    #expect(error.line == 3 && error.description.hasPrefix("c.jsonl:3: not a corpus entry"))
  } catch { Issue.record("\(error)") }
}

@Test func ruleFormatDocumentShowsThePortableSubsetAsDeclared() throws {
  let document = try String(
    contentsOf: repository.appendingPathComponent("docs/rule-format.md"), encoding: .utf8)
  let start = try #require(document.range(of: "<!-- portable-subset -->\n"))
  let end = try #require(document.range(of: "\n<!-- /portable-subset -->"))
  #expect(
    String(document[start.upperBound..<end.lowerBound]) == PortableSubset.standard.markdownTable,
    "docs/rule-format.md: paste PortableSubset.standard.markdownTable between the markers")
}

@Test func everyPublishedRefusalHasADeclaredCodeAndEveryAcceptedNone() throws {
  let vectors = try #require(publishedVectors)
  for refusal in vectors.refusals {
    #expect(refusal.code.map { RefusalCode.allCases.contains($0) } == true, "\(refusal.id)")
  }
  for document in vectors.accepted { #expect(document.code == nil, "\(document.id)") }
  // Codes that a document of the vectors can show (not E0001: every vector is JSON).
  let shown = Set(vectors.refusals.compactMap(\.code))
  #expect(shown == Set(RefusalCode.allCases).subtracting([.notJSON]), "a code without a vector")
  let text = try String(
    contentsOf: repository.appendingPathComponent("Site/rules-tests.json"), encoding: .utf8)
  let object = try #require(
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  for refusal in try #require(object["refusals"] as? [[String: Any]]) {
    let code = try #require(refusal["code"] as? String)
    #expect(code.wholeMatch(of: /E[0-9]{4}/) != nil, "\(code)")
  }
}

/// The published contract speaks the project's words: nothing of Swift's types or Foundation's
/// messages (`Expected to decode Array<Any> but found a dictionary instead.`) reaches it.
@Test func publishedVectorsHoldNoSwiftOrFoundationWording() throws {
  var words = [
    "Expected to decode", "Cannot initialize", "Cannot get value", "found null value instead",
    "Array<", "Dictionary<", "Optional<", "Swift.", "DecodingError", "CodingKeys", "NSNumber",
    "Foundation", "debugDescription", "couldn't be read", "isn't in the correct format",
    "invalid String value", "FieldTransform", "NormalisationStep", "DerivedFunction",
    "FieldInfo", "LineLayout", "ProblemInfo", "ProductInfo", "RuleSet(", "RefusalCode",
    "LinkStatus", "Exclusion(",
  ]
  for file in ["Site/rules-tests.json", "Site/rules-tests.schema.json"] {
    let text = try String(contentsOf: repository.appendingPathComponent(file), encoding: .utf8)
    for word in words { #expect(!text.contains(word), "\(file) holds '\(word)'") }
  }
  // The catalogue's texts may say `Double check the URL`; the reasons may not name a type.
  let vectors = try #require(publishedVectors)
  let typeNames = ["Basis", "Int", "String", "Double", "Bool", "Any", "Data", "URL"]
  for document in vectors.refusals + vectors.accepted {
    for word in ["Expected", "Cannot", "<", "instead.", "nil"] + typeNames {
      #expect(
        document.reason.firstRange(of: Regex<Substring>(verbatim: word)).map { range in
          let before = document.reason[..<range.lowerBound].last
          let after = document.reason[range.upperBound...].first
          return (before.map { !$0.isLetter } ?? true) && (after.map { !$0.isLetter } ?? true)
        } != true, "\(document.id): \(document.reason)")
    }
  }
}

@Test func refusalCodesPageIsCurrent() throws {
  let page = try String(
    contentsOf: repository.appendingPathComponent("docs/refusal-codes.md"), encoding: .utf8)
  #expect(page == RefusalCode.markdownDocument, "docs/refusal-codes.md: run 'make site'")
}
