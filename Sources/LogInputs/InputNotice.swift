/// Something a reader says about an input besides its findings.
public struct InputNotice: Sendable, Equatable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
    /// An input, or part of one, could not be read: findings may be missing (`lookup` ends
    /// with status 2, as `grep` does).
    case failure
    /// Worth saying, nothing missed: a symlink loop passed over, a followed file replaced.
    case warning
    /// A file passed over because its name does not look like a log (`--verbose` lists them).
    case skipped
  }

  public var kind: Kind
  /// The file, folder or archive entry (`support.zip!application-logs/atlassian-jira.log`).
  public var source: String
  public var message: String

  public init(_ kind: Kind, source: String, message: String) {
    self.kind = kind
    self.source = source
    self.message = message
  }

  public var description: String { "\(source): \(message)" }
}

/// Why reading stopped, or could not start.
public struct InputFailure: Error, Sendable, CustomStringConvertible {
  /// What went wrong, in words.
  public var reason: String
  public var description: String { reason }

  /// A failure for `reason`.
  public init(reason: String) { self.reason = reason }
}
