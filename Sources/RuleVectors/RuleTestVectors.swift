import Foundation
import KnowledgeBase
import LogRules
import LogScanning
import RuleMatching

/// A real log line from a public report, with the problem it shows (nil for a negative: a line
/// that looks close but shows no application-link failure). Read from `Tests/Corpus/`.
public struct CorpusLine: Codable, Sendable, Equatable {
  /// The id of the problem the line shows, or nil for a negative.
  public var expect: String?
  /// The line exactly as published, never edited to fit a rule.
  public var line: String
  /// The lines that followed it in the same entry, when they matter.
  public var continuation: [String]?
  /// Where the line was published.
  public var source: String
  /// Why a negative is one, or what the line shows, when that needs saying.
  public var note: String?
  /// Why no rule explains this failure line yet; such a line may give no finding, but never
  /// another problem.
  public var gap: String?

  /// A corpus line with every part given.
  public init(
    expect: String?, line: String, continuation: [String]? = nil, source: String,
    note: String? = nil, gap: String? = nil
  ) {
    self.expect = expect
    self.line = line
    self.continuation = continuation
    self.source = source
    self.note = note
    self.gap = gap
  }

  /// The whole entry as one text.
  public var text: String { ([line] + (continuation ?? [])).joined(separator: "\n") }

  /// Reads a JSON Lines corpus; the error names the line that is not a corpus entry.
  public static func read(jsonLines data: Data, file: String) throws -> [CorpusLine] {
    var lines: [CorpusLine] = []
    let decoder = JSONDecoder()
    for (index, raw) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
    where !raw.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
      do { lines.append(try decoder.decode(CorpusLine.self, from: Data(raw))) } catch {
        throw CorpusError(file: file, line: index + 1, reason: "\(error)")
      }
    }
    return lines
  }
}

/// A corpus file that cannot be read.
public struct CorpusError: Error, Sendable, CustomStringConvertible {
  /// The corpus file, as the caller named it.
  public var file: String
  /// The 1-based line of the file that is not a corpus entry.
  public var line: Int
  /// What the JSON decoder said of the line.
  public var reason: String
  /// `file:line: not a corpus entry (reason)`.
  public var description: String { "\(file):\(line): not a corpus entry (\(reason))" }
}

/// The test vectors every consumer of `rules.json` must pass, published as
/// `Site/rules-tests.json`: lines with the findings they give, and rule-set documents a
/// conforming loader must refuse (or accept).
public struct RuleTestVectors: Codable, Sendable, Equatable {
  /// Version of the `rules-tests.json` format, bumped when a consumer would misread the new form.
  public static let schemaVersion = 1

  /// Text to explain and the findings it gives.
  public struct Case: Codable, Sendable, Equatable {
    /// Where a case's text comes from: a problem's `example`, a `real` corpus line, a `negative`
    /// or a `gap` of the corpus, or lines written for the vectors (the other kinds).
    public enum Kind: String, Codable, Sendable {
      case example, real, negative
      /// A real failure line no rule explains yet; it may give no finding.
      case gap
      /// Several lines of log entries written for the vectors: continuation lines carry
      /// their entry's fields.
      case entry
      /// Lines written for the vectors: every shape the `link` field is read from.
      case link
      /// Lines written for the vectors as people paste them, for every normalisation step.
      case normalisation
      /// Lines written for the vectors that rules of several bases match.
      case basis
      /// Lines written for the vectors at the edges of what engines read alike: integers,
      /// percent-decoding, carriage returns, NUL bytes, odd spaces and marks, long lines.
      case edge
      /// Lines written for the vectors around `max_line_bytes`, explained with the case's own
      /// ``Case/maxLineBytes``.
      case limit
    }
    /// `<kind>-<number>`, or `example-<problem>-<n>` for a problem's example; unique in the file.
    public var id: String
    /// Where the text comes from.
    public var kind: Kind
    /// The corpus line's source, or the catalogue entry or test the text was written for.
    public var source: String
    /// One line or several, separated by line feeds.
    public var text: String
    /// When set, the text is explained with this `max_line_bytes` instead of the rule set's.
    public var maxLineBytes: Int?
    /// Every finding the text gives, in line order; empty when it gives none.
    public var findings: [ExpectedFinding]

    /// A case with every part given; `maxLineBytes` only for a `limit` case.
    public init(
      id: String, kind: Kind, source: String, text: String, maxLineBytes: Int? = nil,
      findings: [ExpectedFinding]
    ) {
      self.id = id
      self.kind = kind
      self.source = source
      self.text = text
      self.maxLineBytes = maxLineBytes
      self.findings = findings
    }
  }

  /// One finding: the line (from 1), the problem, the winning rule, every field.
  public struct ExpectedFinding: Codable, Sendable, Equatable {
    /// The line of the case's text the finding is on, from 1.
    public var line: Int
    /// The id of the problem found.
    public var problem: String
    /// The id of the winning rule.
    public var rule: String
    /// What the winning rule recognised the problem by.
    public var basis: Basis
    /// Every field of the finding, by name, as ``Finding/fields`` has them.
    public var fields: [String: String]

    /// A finding with every part given.
    public init(
      line: Int, problem: String, rule: String, basis: Basis, fields: [String: String]
    ) {
      self.line = line
      self.problem = problem
      self.rule = rule
      self.basis = basis
      self.fields = fields
    }
  }

  /// A rule-set document and why a loader refuses (or accepts) it.
  public struct Document: Codable, Sendable, Equatable {
    /// A stable name for the document (`subset-...`, `literal-too-long`).
    public var id: String
    /// For a refusal, the code every conforming loader refuses it with; nil for an accepted
    /// document.
    public var code: RefusalCode?
    /// For a refusal, what this loader says of the document beside its code; for an accepted
    /// one, why it is valid.
    public var reason: String
    /// The whole rule-set document, as JSON.
    public var ruleSet: JSONValue

    /// A document with its id, its refusal code (nil when it is accepted) and its reason.
    public init(id: String, code: RefusalCode? = nil, reason: String, ruleSet: JSONValue) {
      self.id = id
      self.code = code
      self.reason = reason
      self.ruleSet = ruleSet
    }
  }

  /// The `rules-tests.json` format version, ``RuleTestVectors/schemaVersion`` when written.
  public var schemaVersion: Int
  /// The version of the catalogue the vectors were made from, as in `rules.json`.
  public var catalogueVersion: String
  /// The texts to explain, with the findings each gives.
  public var cases: [Case]
  /// Documents every conforming loader refuses, each with its `code`; `reason` is what
  /// `lookup --rules` says beside the code.
  public var refusals: [Document]
  /// Documents every conforming loader accepts, near the edge of the rules.
  public var accepted: [Document]

  /// The vectors of `ruleSet`: one case per example of `catalogue`, per corpus line and per
  /// entry text, with the findings this engine gives; refusals and accepted documents built
  /// from `ruleSet`.
  public init(catalogue: Catalogue, ruleSet: RuleSet, corpus: [CorpusLine]) throws {
    let matcher = try RuleMatcher(ruleSet)
    var limited = ruleSet
    limited.maxLineBytes = Self.limitMaxLineBytes
    let scanners = [
      ruleSet.maxLineBytes: LogScanner(matcher: matcher),
      limited.maxLineBytes: LogScanner(matcher: try RuleMatcher(limited)),
    ]
    func findings(_ text: String, maxLineBytes: Int? = nil) throws -> [ExpectedFinding] {
      var found: [ExpectedFinding] = []
      let scanner = scanners[maxLineBytes ?? ruleSet.maxLineBytes]!
      _ = try scanner.scan(text: text, source: "-") { finding in
        found.append(
          ExpectedFinding(
            line: finding.line, problem: finding.problem, rule: finding.rule,
            basis: finding.basis,
            fields: finding.fields))
      }
      return found
    }
    var cases: [Case] = []
    for problem in catalogue.problems where !problem.retired {
      for (index, example) in problem.examples.enumerated() {
        cases.append(
          Case(
            id: "example-\(problem.id)-\(index + 1)", kind: .example,
            source: "catalogue: problem \(problem.id), examples[\(index)]", text: example,
            findings: try findings(example)))
      }
    }
    var counts: [Case.Kind: Int] = [:]
    func add(_ kind: Case.Kind, source: String, text: String, maxLineBytes: Int? = nil) throws {
      counts[kind, default: 0] += 1
      let number = String(counts[kind]!)
      cases.append(
        Case(
          id:
            "\(kind.rawValue)-\(String(repeating: "0", count: max(0, 3 - number.count)) + number)",
          kind: kind, source: source, text: text, maxLineBytes: maxLineBytes,
          findings: try findings(text, maxLineBytes: maxLineBytes)))
    }
    for line in corpus {
      let kind: Case.Kind = line.expect == nil ? .negative : line.gap == nil ? .real : .gap
      try add(kind, source: line.source, text: line.text)
    }
    for entry in Self.entryTexts { try add(.entry, source: entry.source, text: entry.text) }
    for link in Self.linkTexts { try add(.link, source: link.source, text: link.text) }
    for text in Self.normalisationTexts {
      try add(.normalisation, source: text.source, text: text.text)
    }
    for text in Self.basisTexts { try add(.basis, source: text.source, text: text.text) }
    for line in Self.edgeLines {
      try add(
        .edge, source: "written for the vectors: a line at the edge of what engines read alike",
        text: line)
    }
    for text in Self.limitTexts {
      try add(.limit, source: text.source, text: text.text, maxLineBytes: Self.limitMaxLineBytes)
    }
    let documents = try RuleSetDocuments(ruleSet)
    self.init(
      schemaVersion: Self.schemaVersion, catalogueVersion: catalogue.version, cases: cases,
      refusals: documents.refusals, accepted: documents.accepted)
  }

  /// Vectors with every part given.
  public init(
    schemaVersion: Int, catalogueVersion: String, cases: [Case], refusals: [Document],
    accepted: [Document]
  ) {
    self.schemaVersion = schemaVersion
    self.catalogueVersion = catalogueVersion
    self.cases = cases
    self.refusals = refusals
    self.accepted = accepted
  }

  /// The JSON `kb build` writes as `Site/rules-tests.json`.
  public func jsonData() throws -> Data { try PublishedJSON.encode(self) }
}
