/// Something a reader says about an input besides its findings.
public struct InputNotice: Sendable, Equatable, CustomStringConvertible {
  /// How much a notice matters: a failure means findings may be missing.
  public enum Kind: Sendable, Equatable {
    /// An input, or part of one, could not be read: findings may be missing (`lookup` ends
    /// with status 2, as `grep` does).
    case failure
    /// Worth saying, nothing missed: a symlink loop passed over, a followed file replaced.
    case warning
    /// A file passed over because its name does not look like a log (`--verbose` lists them).
    case skipped
  }

  /// Whether something was missed, worth saying, or passed over.
  public var kind: Kind
  /// The file, folder or archive entry (`support.zip!application-logs/atlassian-jira.log`).
  public var source: String
  /// What happened, in words, without the source.
  public var message: String

  /// A notice of `kind` about `source`.
  public init(_ kind: Kind, source: String, message: String) {
    self.kind = kind
    self.source = source
    self.message = message
  }

  /// `source: message`, as `lookup` prints it.
  public var description: String { "\(source): \(message)" }
}

/// Why reading stopped, or could not start.
public struct InputFailure: Error, Sendable, CustomStringConvertible {
  /// What went wrong, in words.
  public var reason: String
  /// The reason, as it is.
  public var description: String { reason }

  /// A failure for `reason`.
  public init(reason: String) { self.reason = reason }
}
