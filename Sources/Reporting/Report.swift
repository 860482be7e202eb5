import LogRules

/// Findings grouped by problem, kept small whatever the input's size: counts, the first and
/// last place, and the first few lines.
public struct Report: Sendable {
  /// The findings of one problem.
  public struct Entry: Sendable {
    public var problem: String
    public var count = 0
    public var first: Finding
    public var last: Finding
    /// The first ``Report/linesShown`` findings.
    public var shown: [Finding] = []
  }

  /// How many lines of each problem a report keeps to show.
  public static let linesShown = 3

  /// In order of first appearance.
  public private(set) var byProblem: [Entry] = []
  private var index: [String: Int] = [:]
  /// Lines and bytes read, and how long reading took.
  public var lines = 0
  public var bytes = 0
  public var elapsed: Duration = .zero

  public init() {}

  public mutating func add(_ finding: Finding) {
    if let position = index[finding.problem] {
      byProblem[position].count += 1
      byProblem[position].last = finding
      if byProblem[position].shown.count < Self.linesShown {
        byProblem[position].shown.append(finding)
      }
    } else {
      index[finding.problem] = byProblem.count
      byProblem.append(
        Entry(problem: finding.problem, count: 1, first: finding, last: finding, shown: [finding]))
    }
  }

  /// Adds what one scan read.
  public mutating func add(_ statistics: ScanStatistics) {
    lines += statistics.lines
    bytes += statistics.bytes
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
