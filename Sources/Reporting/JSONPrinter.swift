import Foundation
import KnowledgeBase
import LogRules
import LogScanning
import RuleMatching

/// Writes findings as JSON Lines, a problem as one JSON object, and the summary document.
/// Their shapes are published as `Site/finding.schema.json` and `Site/summary.schema.json`.
public struct JSONPrinter: Sendable {
  /// The rule set whose problems give each record its title and page.
  public let ruleSet: RuleSet
  /// Where the help pages are, for each record's `url`.
  public let links: HelpLinks

  /// A printer for `ruleSet`'s findings, linking pages as `links` says.
  public init(ruleSet: RuleSet, links: HelpLinks) {
    self.ruleSet = ruleSet
    self.links = links
  }

  /// The object of one finding, as `lookup --json` prints it.
  public struct FindingRecord: Codable, Sendable, Equatable {
    /// The id of the problem found.
    public var problem: String
    /// The id of the winning rule.
    public var rule: String
    /// What the rule recognised the problem by: `code`, `exception`, `status` or `wording`.
    public var basis: Basis
    /// The problem's title, or its id when the rule set does not know it.
    public var title: String
    /// The file path, `-` for standard input, or `archive!entry`.
    public var source: String
    /// The 1-based line number in the source.
    public var line: Int
    /// The line as read, cut as ``Finding/text`` is.
    public var text: String
    /// Every field of the finding, by name.
    public var fields: [String: String]
    /// The help page of the problem, from ``HelpLinks``; empty when the rule set does not know it.
    public var url: String
  }

  /// One finding on a line of its own: the bytes JSONEncoder gives for its ``FindingRecord``
  /// (keys sorted, slashes unescaped), written directly, since a dense log has many.
  public func write(_ finding: Finding, to out: inout some TextOutputStream) {
    let problem = ruleSet.problem(finding.problem)
    var line = "{\"basis\":"
    Self.appendQuoted(finding.basis.rawValue, to: &line)
    line += ",\"fields\":{"
    for (index, key) in finding.fields.keys.sorted().enumerated() {
      if index > 0 { line += "," }
      Self.appendQuoted(key, to: &line)
      line += ":"
      Self.appendQuoted(finding.fields[key]!, to: &line)
    }
    line += "},\"line\":\(finding.line),\"problem\":"
    Self.appendQuoted(finding.problem, to: &line)
    line += ",\"rule\":"
    Self.appendQuoted(finding.rule, to: &line)
    line += ",\"source\":"
    Self.appendQuoted(finding.source, to: &line)
    line += ",\"text\":"
    Self.appendQuoted(finding.text, to: &line)
    line += ",\"title\":"
    Self.appendQuoted(problem?.title ?? finding.problem, to: &line)
    line += ",\"url\":"
    Self.appendQuoted(problem.map(links.link(for:)) ?? "", to: &line)
    line += "}\n"
    out.write(line)
  }

  /// `text` as a JSON string, escaped as JSONEncoder escapes it.
  static func appendQuoted(_ text: String, to line: inout String) {
    line += "\""
    var plain = true
    for byte in text.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
      plain = false
      break
    }
    if plain {
      line += text
    } else {
      for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": line += "\\\""
        case "\\": line += "\\\\"
        case "\n": line += "\\n"
        case "\r": line += "\\r"
        case "\t": line += "\\t"
        case "\u{08}": line += "\\b"
        case "\u{0C}": line += "\\f"
        case _ where scalar.value < 0x20:
          let hex = String(scalar.value, radix: 16)
          line += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: line.unicodeScalars.append(scalar)
        }
      }
    }
    line += "\""
  }

  private struct ProblemRecord: Encodable {
    var problem: String
    var title: String
    var summary: String
    var category: String
    var causes: [Cause]
    var url: String
  }

  /// A problem explained by name (`lookup --json signature_invalid`).
  public func write(problem: ProblemInfo, to out: inout some TextOutputStream) {
    let record = ProblemRecord(
      problem: problem.id, title: problem.title, summary: problem.summary,
      category: problem.category, causes: problem.causes, url: links.link(for: problem))
    out.write(Self.encode(record) + "\n")
  }

  private struct StatusRecord: Encodable {
    var kind: String
    var name: String
    var meaning: String
    var types: [TypeRecord]?
    struct TypeRecord: Encodable {
      var type: String
      var problem: String
      var title: String
      var url: String
    }
  }

  /// A category of status error types, or a lozenge, explained by name.
  public func write(statusEntry entry: StatusEntry, to out: inout some TextOutputStream) {
    let record: StatusRecord
    switch entry {
    case .category(let category):
      let types = ProblemFinder(ruleSet: ruleSet).problems(withStatusTypes: category.types).map {
        StatusRecord.TypeRecord(
          type: $0.type, problem: $0.problem.id, title: $0.problem.title,
          url: links.link(for: $0.problem))
      }
      record = StatusRecord(
        kind: "status-category", name: category.name, meaning: category.meaning, types: types)
    case .lozenge(let lozenge):
      record = StatusRecord(
        kind: "status-lozenge", name: lozenge.text, meaning: lozenge.meaning, types: nil)
    }
    out.write(Self.encode(record) + "\n")
  }

  /// The document of `lookup --summary --json`.
  public struct SummaryRecord: Codable, Sendable, Equatable {
    /// Where a finding was: its source, its line and the time logged there.
    public struct Place: Codable, Sendable, Equatable {
      /// The file path, `-` for standard input, or `archive!entry`.
      public var source: String
      /// The 1-based line number in the source.
      public var line: Int
      /// The time the entry was logged (`log_time`), when the line's layout gave it.
      public var logTime: String?
      enum CodingKeys: String, CodingKey {
        case source, line
        case logTime = "log_time"
      }
    }
    /// The findings of one problem that came from one link; no `link` for those whose line
    /// told none.
    public struct Link: Codable, Sendable, Equatable {
      /// The remote end of the link, as the `link` field gives it; absent when the lines told none.
      public var link: String?
      /// How many findings of the problem came from this link.
      public var count: Int
      /// The first finding from this link.
      public var first: Place
      /// The last finding from this link.
      public var last: Place
    }
    /// The findings of one problem: how many, where first and last, and from which links.
    public struct Problem: Codable, Sendable, Equatable {
      /// The id of the problem.
      public var problem: String
      /// The problem's title, or its id when the rule set does not know it.
      public var title: String
      /// The raw value of the problem's category (`network-and-tls`), or empty when unknown.
      public var category: String
      /// How many findings of this problem.
      public var count: Int
      /// Where the first finding was.
      public var first: Place
      /// Where the last finding was.
      public var last: Place
      /// The text of the first finding's line.
      public var example: String
      /// The links the findings came from, most findings first; those without a link last.
      public var links: [Link]
      /// Findings whose link came after ``Report/maxLinks`` other links.
      public var otherLinks: Int?
      enum CodingKeys: String, CodingKey {
        case problem, title, category, count, first, last, example, links
        case otherLinks = "other_links"
      }
    }
    /// One entry per problem, most findings first; ties in order of first appearance.
    public var problems: [Problem]
    /// Lines read.
    public var lines: Int
    /// Bytes read.
    public var bytes: Int
    /// How long the scans took, in whole milliseconds.
    public var milliseconds: Int
  }

  /// The summary document of `report`, as `--summary --json` writes it.
  public func summary(of report: Report) -> SummaryRecord {
    func place(_ place: Report.Place) -> SummaryRecord.Place {
      .init(source: place.source, line: place.line, logTime: place.logTime)
    }
    let problems = report.byCount.map { entry in
      let info = ruleSet.problem(entry.problem)
      return SummaryRecord.Problem(
        problem: entry.problem, title: info?.title ?? entry.problem,
        category: info?.category ?? "", count: entry.count,
        first: place(Report.Place(entry.first)), last: place(Report.Place(entry.last)),
        example: entry.first.text,
        links: entry.linksByCount.map {
          .init(link: $0.link, count: $0.count, first: place($0.first), last: place($0.last))
        },
        otherLinks: entry.otherLinks > 0 ? entry.otherLinks : nil)
    }
    return SummaryRecord(
      problems: problems, lines: report.lines, bytes: report.bytes,
      milliseconds: report.elapsed.milliseconds)
  }

  /// The summary of `report` as one JSON object on a line of its own.
  public func writeSummary(_ report: Report, to out: inout some TextOutputStream) {
    out.write(Self.encode(summary(of: report)) + "\n")
  }

  /// What `lookup --json --totals` prints after the findings: `{"totals": SUMMARY}`, the
  /// document of `--summary --json`, with `"summary_max_links"`, the cap of links per problem
  /// it was counted with, and `"entry_before_lead": true` when a finding's entry may have begun
  /// before a scan's lead.
  public func writeTotals(_ report: Report, to out: inout some TextOutputStream) {
    let lead = report.entryBeforeLead ? "\"entry_before_lead\":true," : ""
    out.write(
      "{\(lead)\"summary_max_links\":\(report.maxLinks),\"totals\":"
        + Self.encode(summary(of: report)) + "}\n")
  }

  private static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }()

  private static func encode<T: Encodable>(_ value: T) -> String {
    (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }
}
