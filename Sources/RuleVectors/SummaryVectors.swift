import Foundation
import LogRules
import LogScanning
import Reporting

/// The test vectors of summaries, published as `Site/summary-tests.json`: findings in, the
/// `problems` of `lookup --summary --json` out, as ``Report`` groups, orders and caps them. Every
/// engine that summarises findings (`lookup`, the site's `explain.js`, the Spark job's merge)
/// must give the same.
public struct SummaryTestVectors: Codable, Sendable, Equatable {
  /// The version of this file's format, raised when its shape changes.
  public static let schemaVersion = 1

  /// A finding as a summary reads it: where it was, its problem, its text and its fields (of
  /// which a summary reads `link` and `log_time`).
  public struct InputFinding: Codable, Sendable, Equatable {
    /// The input the finding was read from, as `lookup` names it.
    public var source: String
    /// The line of `source` it is on, from 1.
    public var line: Int
    /// The id of the problem it shows.
    public var problem: String
    /// The line as a finding shows it.
    public var text: String
    /// The fields it carries; a summary reads `link` and `log_time`.
    public var fields: [String: String]

    /// A finding with every part given.
    public init(source: String, line: Int, problem: String, text: String, fields: [String: String])
    {
      self.source = source
      self.line = line
      self.problem = problem
      self.text = text
      self.fields = fields
    }

    /// The finding ``Report`` reads.
    public var finding: Finding {
      Finding(
        problem: problem, rule: "", basis: .code, source: source, line: line, text: text,
        fields: fields)
    }
  }

  /// Findings, in the order an engine reads them, and the summary they give.
  public struct Case: Codable, Sendable, Equatable {
    /// The case's name, unique in the file.
    public var id: String
    /// What the case checks.
    public var description: String
    /// The findings to summarise, in the order an engine reads them.
    public var findings: [InputFinding]
    /// The `problems` of the summary document (`summary.schema.json`).
    public var problems: [JSONPrinter.SummaryRecord.Problem]
  }

  /// ``SummaryTestVectors/schemaVersion`` of the code that wrote the file.
  public var schemaVersion: Int
  /// The version of the catalogue whose rule set the cases were made with.
  public var catalogueVersion: String
  /// The cap the cases were summarised with: `summary_max_links` of `rules.json`.
  public var summaryMaxLinks: Int
  /// The cases, each a summary every engine must give.
  public var cases: [Case]

  // Written out, so that a decoder without a key strategy reads the file (the summary's own
  // keys, `log_time` and `other_links`, are written out too).
  enum CodingKeys: String, CodingKey {
    case schemaVersion = "schema_version"
    case catalogueVersion = "catalogue_version"
    case summaryMaxLinks = "summary_max_links"
    case cases
  }

  /// The vectors of `ruleSet`'s summaries: each case's findings summarised by ``Report`` with
  /// the rule set's cap.
  public init(ruleSet: RuleSet) throws {
    let printer = JSONPrinter(ruleSet: ruleSet, links: HelpLinks())
    let cap = ruleSet.summaryMaxLinks
    var cases: [Case] = []
    // Four problems of the rule set: these when it has them (the published catalogue's),
    // else its first ones.
    let preferred = [
      "signature_invalid", "timestamp_refused", "consumer_key_unknown", "token_rejected",
    ]
    let ids = ruleSet.problems.map(\.id)
    let names =
      preferred.allSatisfy(ids.contains)
      ? preferred : ids.isEmpty ? [] : (0..<4).map { ids[$0 % ids.count] }
    for (id, description, findings) in names.isEmpty
      ? [] : Self.inputs(maxLinks: cap, problems: names)
    {
      var report = Report(maxLinks: cap)
      for finding in findings { report.add(finding.finding) }
      cases.append(
        Case(
          id: id, description: description, findings: findings,
          problems: printer.summary(of: report).problems))
    }
    self.init(
      schemaVersion: Self.schemaVersion, catalogueVersion: ruleSet.catalogueVersion,
      summaryMaxLinks: cap, cases: cases)
  }

  /// Vectors with every part given.
  public init(
    schemaVersion: Int, catalogueVersion: String, summaryMaxLinks: Int, cases: [Case]
  ) {
    self.schemaVersion = schemaVersion
    self.catalogueVersion = catalogueVersion
    self.summaryMaxLinks = summaryMaxLinks
    self.cases = cases
  }

  /// The JSON `kb build` writes as `Site/summary-tests.json`.
  public func jsonData() throws -> Data { try PublishedJSON.encode(self) }

  /// The cases' findings, written for the vectors; `maxLinks` links and more for the cap.
  static func inputs(maxLinks: Int, problems: [String]) -> [(String, String, [InputFinding])] {
    let (signature, timestamp, consumer, token) = (
      problems[0], problems[1], problems[2], problems[3]
    )
    func finding(
      _ problem: String, _ line: Int, link: String? = nil, time: String? = nil,
      source: String = "atlassian-jira.log"
    ) -> InputFinding {
      var fields: [String: String] = [:]
      if let link { fields["link"] = link }
      if let time { fields["log_time"] = time }
      var text = "oauth_problem=\(problem)"
      if let link { text += " realm=\"\(link)\"" }
      if let time { text = "\(time) ERROR [main] " + text }
      return InputFinding(
        source: source, line: line, problem: problem, text: text, fields: fields)
    }
    let jira = "https://jira.example.com"
    let wiki = "https://wiki.example.com"
    let bamboo = "https://bamboo.example.com"
    func node(_ number: Int) -> String {
      let digits = String(number)
      return
        "https://node-\(String(repeating: "0", count: max(0, 3 - digits.count)) + digits).example.com"
    }

    var cases: [(String, String, [InputFinding])] = [
      (
        "one-finding", "one finding: one problem, one link, first and last the same place",
        [finding(signature, 7, link: jira, time: "2024-03-05 14:02:11,287")]
      ),
      (
        "most-frequent-first", "problems in order of their counts, most first",
        [
          finding(signature, 1), finding(timestamp, 2), finding(timestamp, 3),
          finding(consumer, 4), finding(timestamp, 5), finding(consumer, 6),
        ]
      ),
      (
        "ties-by-first-appearance",
        "problems of equal counts in order of their first finding, even when a later one reaches the count first",
        [
          finding(consumer, 1), finding(signature, 2), finding(signature, 3),
          finding(token, 4), finding(consumer, 5), finding(token, 6), finding(timestamp, 7),
        ]
      ),
      (
        "links-by-count",
        "a problem's links most findings first, ties in order of first appearance, the findings with no link last whatever their count",
        [
          finding(signature, 1), finding(signature, 2, link: jira),
          finding(signature, 3, link: wiki), finding(signature, 4),
          finding(signature, 5, link: bamboo), finding(signature, 6, link: wiki),
          finding(signature, 7), finding(signature, 8, link: bamboo),
          finding(signature, 9, link: wiki), finding(signature, 10, link: bamboo),
          finding(signature, 11),
        ]
      ),
      (
        "no-link", "findings whose lines told no link: one entry with no link field",
        [
          finding(token, 3, time: "2024-03-05 14:02:11,287"), finding(token, 9),
          finding(token, 12, time: "2024-03-05 14:07:00,001"),
        ]
      ),
      (
        "several-sources",
        "findings from several sources in reading order: first and last are places in different sources, log_time only where the line had one",
        [
          finding(
            timestamp, 40, link: jira, time: "2024-03-03 02:11:09,118",
            source: "support.zip!application-logs/atlassian-jira.log.2.gz"),
          finding(
            signature, 2, link: wiki, source: "support.zip!application-logs/atlassian-jira.log.1"),
          finding(
            timestamp, 5, link: jira, time: "2024-03-05 09:00:00,000",
            source: "support.zip!application-logs/atlassian-jira.log.1"),
          finding(timestamp, 1, link: wiki, source: "/var/log/confluence/atlassian-confluence.log"),
          finding(timestamp, 9002, link: jira, time: "2024-03-05 14:02:11,287", source: "-"),
          finding(signature, 3, source: "-"),
        ]
      ),
    ]

    // More distinct links than the cap: each of maxLinks + 3 links once, in order; then the
    // first link again, a link past the cap twice more, and findings with no link. A second
    // problem has exactly maxLinks links, none past the cap.
    var capped: [InputFinding] = []
    var line = 0
    func next(_ problem: String, link: String?) {
      line += 1
      capped.append(finding(problem, line, link: link))
    }
    for number in 1...(maxLinks + 3) {
      next(signature, link: node(number))
      if number == maxLinks / 2 { next(signature, link: nil) }
    }
    next(signature, link: node(1))
    next(signature, link: node(maxLinks + 1))
    next(signature, link: nil)
    next(signature, link: node(maxLinks + 1))
    next(signature, link: node(maxLinks))
    for number in 1...maxLinks { next(consumer, link: node(number)) }
    next(consumer, link: node(maxLinks))
    cases.append(
      (
        "link-cap",
        "more distinct links than summary_max_links: the first \(maxLinks) links in order of first appearance are listed, the findings of every later link only counted in other_links (even a later link found often), the findings with no link always listed; a problem with exactly \(maxLinks) links has no other_links",
        capped
      ))
    return cases
  }
}
