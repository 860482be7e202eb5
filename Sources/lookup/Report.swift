import LogRules

/// Findings grouped by problem, kept small whatever the input's size: counts, the first and
/// last place, and the first few lines.
struct Report {
  struct Entry {
    var problem: String
    var count = 0
    var first: Finding
    var last: Finding
    var shown: [Finding] = []
  }

  static let linesShown = 3

  var byProblem: [Entry] = []
  private var index: [String: Int] = [:]
  var lines = 0
  var bytes = 0
  var elapsed: Duration = .zero

  mutating func add(_ finding: Finding) {
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

  /// Most frequent first; ties in order of first appearance.
  var byCount: [Entry] {
    byProblem.enumerated().sorted {
      ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset)
    }
    .map(\.element)
  }
}
