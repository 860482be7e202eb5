/// What the application links screen and its status REST resource say about a link: the
/// lozenges shown beside each link and the categories of the error types behind them.
public struct LinkStatus: Codable, Sendable, Equatable {
  public var lozenges: [StatusLozenge]
  public var categories: [StatusCategory]

  public init(lozenges: [StatusLozenge], categories: [StatusCategory]) {
    self.lozenges = lozenges
    self.categories = categories
  }

  /// Every error type, in category order.
  public var allTypes: [String] { categories.flatMap(\.types) }
}

/// A lozenge of the application links screen (`CONFIG ERROR`, `Authenticate to see status`).
public struct StatusLozenge: Codable, Sendable, Equatable {
  /// The text as the screen shows it.
  public var text: String
  /// What it tells, in Markdown.
  public var meaning: String

  public init(text: String, meaning: String) {
    self.text = text
    self.meaning = meaning
  }
}

/// A category of `ApplinkErrorType` (`NETWORK_ERROR`) with the types it holds.
public struct StatusCategory: Codable, Sendable, Equatable {
  /// The name the status REST resource answers with.
  public var name: String
  /// What the category means, in Markdown.
  public var meaning: String
  /// The error types of the category; each is the link-status type of one problem.
  public var types: [String]

  public init(name: String, meaning: String, types: [String]) {
    self.name = name
    self.meaning = meaning
    self.types = types
  }
}
