/// What the application links screen and its status REST resource say about a link: the
/// lozenges shown beside each link and the categories of the error types behind them.
public struct LinkStatus: Codable, Sendable, Equatable {
  /// The lozenges the links screen shows beside a link, each with what it tells.
  public var lozenges: [StatusLozenge]
  /// The categories of the links screen's error types, each with the types it holds.
  public var categories: [StatusCategory]

  /// The links screen's lozenges and error-type categories, as given.
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

  /// A lozenge showing `text`, with what it tells in Markdown.
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

  /// A category named `name` holding the error types `types`.
  public init(name: String, meaning: String, types: [String]) {
    self.name = name
    self.meaning = meaning
    self.types = types
  }
}
