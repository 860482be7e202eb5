/// One check of `lookup probe`, as the site describes it: what it does and the catalogue
/// problems it can name. Problem pages that a check can reveal say so.
public struct ProbeCheckInfo: Codable, Sendable, Equatable {
  /// The check's name as the probe prints it: `dns`, `tls`, `link-back`...
  public var check: String
  /// What it does, in Markdown.
  public var does: String
  /// Ids of the problems it can name.
  public var problems: [String]

  /// A check named `check` that does `does` and can name the problems `problems`.
  public init(_ check: String, does: String, problems: [String]) {
    self.check = check
    self.does = does
    self.problems = problems
  }
}
