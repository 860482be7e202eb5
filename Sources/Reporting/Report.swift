import LogRules
import LogScanning

/// Findings grouped by problem, kept small whatever the input's size: counts, the first and
/// last place, the first few lines, and the links they came from.
public struct Report: Sendable {
  /// Where a finding was: file (or archive entry) and line, and the time logged there.
  public struct Place: Sendable, Equatable {
    /// The file path, `-` for standard input, or `archive!entry`, as the finding names it.
    public var source: String
    /// The 1-based line number in the source.
    public var line: Int
    /// The time the entry was logged (the `log_time` field), when the line's layout gave it.
    public var logTime: String?

    /// The place of `finding`.
    public init(_ finding: Finding) {
      source = finding.source
      line = finding.line
      logTime = finding.fields["log_time"]
    }
  }

  /// The findings of one problem that came from one link.
  public struct LinkTally: Sendable, Equatable {
    /// Nil for findings whose line told no link.
    public var link: String?
    /// How many findings of the problem came from this link.
    public var count: Int
    /// The first finding from this link.
    public var first: Place
    /// The last finding from this link so far.
    public var last: Place
  }

  /// The findings of one problem.
  public struct Entry: Sendable {
    /// The id of the problem these findings show.
    public var problem: String
    /// How many findings of this problem the report has seen.
    public var count = 0
    /// The first finding of this problem.
    public var first: Finding
    /// The last finding of this problem so far.
    public var last: Finding
    /// The first ``Report/linesShown`` findings.
    public var shown: [Finding] = []
    /// In order of first appearance, at most ``Report/maxLinks`` links and the findings
    /// without one.
    public private(set) var links: [LinkTally] = []
    /// Findings whose link came after ``Report/maxLinks`` others.
    public private(set) var otherLinks = 0
    private var linkIndex: [String?: Int] = [:]
    private let maxLinks: Int

    init(_ finding: Finding, maxLinks: Int) {
      self.maxLinks = maxLinks
      problem = finding.problem
      first = finding
      last = finding
      add(finding)
    }

    mutating func add(_ finding: Finding) {
      count += 1
      last = finding
      if shown.count < Report.linesShown { shown.append(finding) }
      let link = finding.fields["link"]
      if let position = linkIndex[link] {
        links[position].count += 1
        links[position].last = Place(finding)
      } else if link == nil || linkIndex.count - (linkIndex[nil] == nil ? 0 : 1) < maxLinks {
        linkIndex[link] = links.count
        links.append(
          LinkTally(link: link, count: 1, first: Place(finding), last: Place(finding)))
      } else {
        otherLinks += 1
      }
    }

    /// Most findings first; ties in order of first appearance; the findings without a link
    /// last.
    public var linksByCount: [LinkTally] {
      links.enumerated().sorted { left, right in
        if (left.element.link == nil) != (right.element.link == nil) {
          return right.element.link == nil
        }
        return (left.element.count, -left.offset) > (right.element.count, -right.offset)
      }.map(\.element)
    }
  }

  /// How many lines of each problem a report keeps to show.
  public static let linesShown = 3
  /// How many distinct links of each problem a report counts one by one, unless it is given
  /// another: the rule set's `summary_max_links` (``RuleSet/standardSummaryMaxLinks``).
  public static let maxLinks = RuleSet.standardSummaryMaxLinks
  /// How many distinct links of each problem this report counts one by one.
  public let maxLinks: Int

  /// In order of first appearance.
  public private(set) var byProblem: [Entry] = []
  private var index: [String: Int] = [:]
  /// Lines and bytes read, and how long reading took.
  public var lines = 0
  /// Bytes read, by every scan added.
  public var bytes = 0
  /// How long the scans took, as the caller measured it.
  public var elapsed: Duration = .zero
  /// A finding continued an entry that may have begun before a scan's lead.
  public var entryBeforeLead = false

  /// A report counting at most `maxLinks` distinct links per problem one by one: give it the
  /// rule set's ``RuleSet/summaryMaxLinks``.
  public init(maxLinks: Int = Report.maxLinks) { self.maxLinks = max(1, maxLinks) }

  /// Counts `finding` under its problem, keeping its place, its link and, among the first few,
  /// the finding itself.
  public mutating func add(_ finding: Finding) {
    if let position = index[finding.problem] {
      byProblem[position].add(finding)
    } else {
      index[finding.problem] = byProblem.count
      byProblem.append(Entry(finding, maxLinks: maxLinks))
    }
  }

  /// Adds what one scan read.
  public mutating func add(_ statistics: ScanStatistics) {
    lines += statistics.lines
    bytes += statistics.bytes
    entryBeforeLead = entryBeforeLead || statistics.entryBeforeLead
  }

  /// How many findings in all.
  public var findingCount: Int { byProblem.reduce(0) { $0 + $1.count } }

  /// Most frequent first; ties in order of first appearance.
  public var byCount: [Entry] {
    byProblem.enumerated().sorted {
      ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset)
    }
    .map(\.element)
  }

  /// ``byCount`` grouped by category title, categories in the order of their most frequent
  /// problem.
  public func byCategory(in ruleSet: RuleSet) -> [(title: String, entries: [Entry])] {
    var categories: [(title: String, entries: [Entry])] = []
    for entry in byCount {
      let title = ruleSet.problem(entry.problem)?.categoryTitle ?? "Other"
      if let index = categories.firstIndex(where: { $0.title == title }) {
        categories[index].entries.append(entry)
      } else {
        categories.append((title, [entry]))
      }
    }
    return categories
  }
}

extension Duration {
  /// Whole milliseconds, rounded down.
  var milliseconds: Int {
    Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000)
  }
}
