/// The outcome of one check of `lookup probe`.
public enum CheckStatus: String, Codable, Sendable {
  /// The check ran and found nothing wrong.
  case passed
  /// The check ran and found a problem; ``ProbeCheck/problems`` names it.
  case failed
  /// The check could not run, usually because an earlier one failed; ``ProbeCheck/summary``
  /// says why.
  case skipped
  /// The check ran and has something to say that is not a problem by itself.
  case info
}

/// One check with its evidence: what was sent, what came back, and the catalogue problems it
/// points to when it failed.
public struct ProbeCheck: Codable, Sendable, Equatable {
  /// A short, stable name: `url`, `dns`, `tcp`, `tls`, `manifest`...
  public var check: String
  /// Whether the check passed, failed, was skipped or has information only.
  public var status: CheckStatus
  /// One sentence for a person.
  public var summary: String
  /// What was seen: addresses, certificates, headers, bodies (cut short).
  public var evidence: [String]
  /// Catalogue problem ids this check points to (empty unless it failed).
  public var problems: [String]

  /// A check named `check` with its outcome, summary sentence, evidence and problems.
  public init(
    _ check: String, _ status: CheckStatus, _ summary: String, evidence: [String] = [],
    problems: [String] = []
  ) {
    self.check = check
    self.status = status
    self.summary = summary
    self.evidence = evidence
    self.problems = problems
  }

  static func skipped(_ check: String, _ why: String) -> ProbeCheck {
    ProbeCheck(check, .skipped, why)
  }
}
