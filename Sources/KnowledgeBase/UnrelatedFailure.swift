/// A failure that looks like an application link's but belongs to another part of a product:
/// its database, mail server, user directory, cluster, search index or Marketplace. A line
/// that one of these describes gives no finding, whatever rule it would match.
public struct UnrelatedFailure: Codable, Sendable, Equatable, Identifiable {
  /// Stable, lower-case identifier (`database`, `mail-server`).
  public var id: String
  /// What fails instead of the link, in words a reader scans ("the product's own database").
  public var system: String
  /// A regular expression in the portable subset that confirms the line is of this kind.
  public var pattern: String
  /// Lines of this kind that a rule would otherwise explain; each must give no finding.
  public var examples: [String]

  /// An unrelated failure with every part given.
  public init(id: String, system: String, pattern: String, examples: [String]) {
    self.id = id
    self.system = system
    self.pattern = pattern
    self.examples = examples
  }
}
