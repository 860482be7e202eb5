import Reporting

/// What `lookup` was asked to do: its inputs and options, as the command line gave them.
public struct LookupRequest: Sendable, Equatable {
  /// Files or folders to read, or log text to explain, or a problem's name.
  public var text: [String] = []
  /// Files or folders named with `--file` (`-` for standard input).
  public var files: [String] = []
  /// After reading, follow the named plain files as they grow.
  public var follow = false
  /// Only findings logged at or after this time (ISO 8601, or a duration back such as `2h`).
  public var since: String?
  /// Only findings logged before this time.
  public var until: String?
  /// Lines of context shown around each line found.
  public var context = 0
  /// Blocks explained at once; nil for every core.
  public var jobs: Int?
  /// List the files skipped for their names.
  public var verbose = false
  /// JSON Lines, one object per finding.
  public var json = false
  /// Counts per problem and link instead of explanations.
  public var summary = false
  /// An exported rule set (`rules.json`) to use instead of the built-in one.
  public var rules: String?
  /// The name findings carry for the one input read.
  public var source: String?
  /// Bytes of standard input that are the lines before a split, read only for entries.
  public var lead = 0
  /// The line number of standard input's first line.
  public var firstLine = 1
  /// With `json`: end with the summary document as `{"totals": ...}`.
  public var totals = false
  /// Base URL of the help site.
  public var baseURL: String?
  /// Folder of the help site, for help-page paths when no base URL is given.
  public var site = "Site"

  /// A request for the default options.
  public init() {}

  /// The first option that does not fit the others, as a message for the user; nil when the
  /// request can run.
  public func problem() -> String? {
    if !(0...1_000).contains(context) { return "--context takes 0 to 1000 lines" }
    if let jobs, !(1...1_024).contains(jobs) { return "--jobs takes 1 to 1024" }
    if source != nil && text.count + files.count > 1 {
      return "--source names one input: give one file or '-'"
    }
    let onlyStandardInput = text + files == ["-"] && !follow && context == 0
    if lead < 0 || (lead > 0 && !onlyStandardInput) {
      return "--lead takes a count of bytes, with '-' (standard input) only"
    }
    if firstLine < 1 || (firstLine > 1 && !onlyStandardInput) {
      return "--first-line takes a line number from 1, with '-' (standard input) only"
    }
    if totals && !json { return "--totals goes with --json" }
    for (name, value) in [("since", since), ("until", until)] {
      if let value, TimeRange.bound(value, now: 0) == nil {
        return "--\(name) \(value): give a date-time (2024-03-05T14:02:11) or a duration (2h)"
      }
    }
    return nil
  }
}
