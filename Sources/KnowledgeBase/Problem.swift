/// One failure an application link can log, with what it means and how to fix it.
///
/// A problem's `id` is public API: it becomes a URL, an anchor and a key in `rules.json`.
/// Never rename or delete one; mark it `retired` instead.
public struct Problem: Codable, Sendable, Equatable, Identifiable {
  /// Stable, lower-case, URL-safe identifier. For OAuth problems it is the `oauth_problem` value.
  public var id: String
  /// Short heading, as a reader would say it ("OAuth signature rejected").
  public var title: String
  /// One sentence for lists and search results.
  public var summary: String
  /// What the failure means for the link, in Markdown.
  public var meaning: String
  /// The `oauth_problem` value this problem reports, when it has one.
  public var oauthProblem: String?
  /// The error type the application links status screen shows, when it has one.
  public var linkStatusType: String?
  /// Further link-status types that lead to this problem (for example a generic `OAUTH_PROBLEM`).
  public var otherLinkStatusTypes: [String]
  /// The message an administrator finds in the logs, as the products write it.
  public var logMessage: String
  /// The group this problem is listed under.
  public var category: Category
  /// Why it happens; each cause carries the actions that fix it, in order.
  public var causes: [Cause]
  /// Fixed log messages, written without a code, that show this problem.
  public var messages: [LogMessage]
  /// Further reading inside the knowledge base.
  public var seeAlso: [Reference]
  /// Log lines that show this problem, at least ``minimumExamples`` of them; each must be
  /// explained as this problem and no other.
  public var examples: [String]
  /// Product ids this problem concerns; empty means every product.
  public var products: [String]
  /// A retired problem keeps its id and page but no longer produces rules.
  public var retired: Bool

  /// A problem with every field given; ``Catalogue/validated()`` checks it, with the rest of
  /// the catalogue. The id, texts, category, causes and examples have no default.
  public init(
    id: String,
    title: String,
    summary: String,
    meaning: String,
    oauthProblem: String? = nil,
    linkStatusType: String? = nil,
    otherLinkStatusTypes: [String] = [],
    logMessage: String,
    category: Category,
    causes: [Cause],
    messages: [LogMessage] = [],
    seeAlso: [Reference] = [],
    examples: [String],
    products: [String] = [],
    retired: Bool = false
  ) {
    self.id = id
    self.title = title
    self.summary = summary
    self.meaning = meaning
    self.oauthProblem = oauthProblem
    self.linkStatusType = linkStatusType
    self.otherLinkStatusTypes = otherLinkStatusTypes
    self.logMessage = logMessage
    self.category = category
    self.causes = causes
    self.messages = messages
    self.seeAlso = seeAlso
    self.examples = examples
    self.products = products
    self.retired = retired
  }

  /// How many example log lines a problem that is not retired must have, in different shapes
  /// (a bare code, a header or a JSON body, a full line in a product's layout).
  public static let minimumExamples = 3

  /// Every link-status type name that leads to this problem.
  public var allLinkStatusTypes: [String] {
    (linkStatusType.map { [$0] } ?? []) + otherLinkStatusTypes
  }
}

/// Groups that the index page, search and `lookup --summary` list problems under.
public enum Category: String, Codable, Sendable, CaseIterable, Comparable {
  case oauthRequestRejected = "oauth-request-rejected"
  case userAuthorisation = "user-authorisation"
  case oauth2 = "oauth2"
  case credentialsAndRequests = "credentials-and-requests"
  case linkConfiguration = "link-configuration"
  case linkStatus = "link-status"
  case networkAndTLS = "network-and-tls"
  case trustedApplications = "trusted-applications"

  /// Heading shown to readers.
  public var title: String {
    switch self {
    case .oauthRequestRejected: "OAuth request rejected"
    case .userAuthorisation: "User authorisation"
    case .oauth2: "OAuth 2.0"
    case .credentialsAndRequests: "Basic authentication and request checks"
    case .linkConfiguration: "Link configuration"
    case .linkStatus: "Link status notices"
    case .networkAndTLS: "Network and TLS"
    case .trustedApplications: "Legacy authentication"
    }
  }

  /// Categories sort in declaration order, the order pages and `lookup --summary` list them in.
  public static func < (lhs: Category, rhs: Category) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// One reason a problem happens, and what to do about it.
public struct Cause: Codable, Sendable, Equatable {
  /// The reason, in Markdown.
  public var description: String
  /// Steps that fix it, in the order to try them, each in Markdown.
  public var actions: [String]

  /// A cause described by `description` (Markdown), fixed by `actions` tried in order.
  public init(_ description: String, actions: [String]) {
    self.description = description
    self.actions = actions
  }
}

/// What a rule recognises a problem by, strongest first. When rules of several problems match
/// one line, the line gets the answer of its strongest basis; priority decides within a basis.
public enum Basis: String, Codable, Sendable, CaseIterable, Comparable {
  /// An exact code: an `oauth_problem` value, an OAuth 2.0 `error`, a link-status type, a
  /// Seraph, XSRF or Trusted Applications reason.
  case code
  /// An exception class or a client's error code, with or without its usual message.
  case exception
  /// An HTTP status together with the header or body that says what it means.
  case status
  /// The problem's own words in a line that is plainly about OAuth, a link or authentication.
  case wording

  /// Stronger bases sort first.
  public static func < (lhs: Basis, rhs: Basis) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }

  /// How a reader is told what an answer rests on.
  public var explanation: String {
    switch self {
    case .code: "recognised by its code"
    case .exception: "recognised by the exception or client error it names"
    case .status: "recognised by the HTTP status and what the answer says"
    case .wording: "recognised by its wording only: no code, exception or status confirms it"
    }
  }
}

/// A fixed message a product writes without an `oauth_problem` code.
///
/// `pattern` is a regular expression in the portable subset (ICU, Python `re`, JavaScript):
/// no lookbehind, no atomic or possessive groups, no named groups. `captures` names its
/// numbered groups, in order, with field names.
public struct LogMessage: Codable, Sendable, Equatable {
  /// What the message recognises the problem by.
  public var basis: Basis
  /// Text every matching line contains, used as the fast prefilter. Case-sensitive.
  public var literal: String
  /// The regular expression that confirms a match.
  public var pattern: String
  /// Field names of capture groups 1, 2, ...
  public var captures: [String]
  /// When several rules match one line the highest priority wins. Code shapes rank 100,
  /// link-status type names 40; messages default to 70.
  public var priority: Int

  /// A message recognised by `basis`, found by `literal` and confirmed by `pattern`, whose
  /// groups are the fields `captures`; `priority` 70 is the messages' usual rank.
  public init(
    _ basis: Basis, literal: String, pattern: String, captures: [String] = [], priority: Int = 70
  ) {
    self.basis = basis
    self.literal = literal
    self.pattern = pattern
    self.captures = captures
    self.priority = priority
  }
}

extension LogMessage {
  /// An `oauth_problem` value given in words instead of a code (`oauth_problem=Invalid+signature`,
  /// `oauth_problem="signature is invalid"`), in any of `phrases`. Words may be joined by
  /// spaces, `+`, `%20` or `_`, with `is`, `was`, `has`, `been` or `already` between them.
  public static func oauthProblemInWords(_ phrases: String..., priority: Int = 60) -> LogMessage {
    let separator = "(?:\\+|%20| |_)+(?:(?:is|was|has|been|already)(?:\\+|%20| |_)+)*"
    let alternatives = phrases.map { phrase in
      phrase.split(separator: " ").map { word in
        guard let first = word.first, first.isLetter else { return String(word) }
        return "[\(first.uppercased())\(first.lowercased())]\(word.dropFirst())"
      }.joined(separator: separator)
    }
    return LogMessage(
      .wording, literal: "oauth_problem",
      // The phrase stands as whole words: at the value's start or after a character that is not
      // a letter or digit, and not followed by one. The words before it do not run across
      // another `oauth_problem=` (a match from there is found all the same), so that a line of
      // repeated parameters costs each one a few bytes, not the 80 of the window.
      pattern: "oauth_problem(?:=|%3D|[\"'] ?: ?)[\"']?"
        + "(?:(?:[^&\\t\"',;}o]|o(?!auth_problem(?:=|%3D))){0,80}?[^A-Za-z0-9&\\t\"',;}])?"
        + "(?:" + alternatives.joined(separator: "|") + ")(?![A-Za-z0-9])",
      priority: priority)
  }
}

extension LogMessage {
  /// An HTTP status `code` as clients print it with nothing else said (`status code 401`,
  /// `HTTP 403`, an access log's `" 401 `, `(401)` ...): one message per spelling, each found by
  /// a literal that holds the number with its neighbours, because the number alone is in every
  /// other timestamp and thread name. `unless` names words that, anywhere on the line, make the
  /// status mean something else.
  public static func httpStatus(_ code: Int, unless: [String] = [], priority: Int = 45)
    -> [LogMessage]
  {
    let number = String(code)
    let end = "(?![0-9])"
    let spellings: [(literal: String, pattern: String)] = [
      ("tatus code \(number)", "[Ss]tatus code \(number)\(end)"),
      ("tatus code: \(number)", "[Ss]tatus code: \(number)\(end)"),
      ("status: \(number)", "status: \(number)\(end)"),
      ("error code \(number)", "error code \(number)\(end)"),
      ("esponse code \(number)", "[Rr]esponse code \(number)\(end)"),
      ("Status Code : \(number)", "Status Code : \(number)\(end)"),
      ("HTTP \(number)", "HTTP \(number)\(end)"),
      ("\" \(number) ", "\"[A-Z]{3,7} [^\"]{1,2000} HTTP/[0-9.]{1,3}\" \(number) "),
      ("Code: \(number)", "Code: \(number)\(end)"),
      ("code:\(number)", "code:\(number)\(end)"),
      ("returned status \(number)", "returned status \(number)\(end)"),
      ("response status of \(number)", "response status of \(number)\(end)"),
      ("rror: \(number)", "[Ee]rror: \(number)\(end)"),
      ("rror \(number)", "(?:[Ee]rror|HTTP error|API error) \(number)\(end)"),
      ("Err: \(number)", "Err: \(number)\(end)"),
      ("\(number) error", "\(number) (?:HTTP )?error"),
      ("\(number) HTTP error", "\(number) HTTP error"),
      ("(\(number))", "\\(\(number)\\)(?![0-9A-Za-z])"),
      ("\(number) ()", "\(number) \\(\\)"),
      ("[\(number),http", "\\[\(number),https?://"),
      ("\(number): ", "(?:^|[ :])\(number): "),
      ("got \(number)", "got \(number)\(end)"),
      ("error '\(number)", "error '\(number) ?'"),
      ("response '\(number)", "response '\(number)\(end)"),
    ]
    let guarded =
      unless.isEmpty
      ? "" : "^(?![^\\n]{0,2000}(?:" + unless.joined(separator: "|") + "))[^\\n]{0,2000}"
    return spellings.map { spelling in
      LogMessage(
        .status, literal: spelling.literal, pattern: guarded + "(?:" + spelling.pattern + ")",
        priority: priority)
    }
  }
}

/// A link to another entry of the catalogue.
public struct Reference: Codable, Sendable, Equatable, Hashable {
  /// The kind of entry a reference points to.
  public enum Kind: String, Codable, Sendable {
    case problem, product, flavour, article
  }
  /// The kind of entry: problem, product, OAuth flavour or article.
  public var kind: Kind
  /// The id of the entry within its kind.
  public var id: String

  /// A reference to the entry `id` of kind `kind`.
  public init(_ kind: Kind, _ id: String) {
    self.kind = kind
    self.id = id
  }

  /// A reference to the problem `id`.
  public static func problem(_ id: String) -> Reference { Reference(.problem, id) }
  /// A reference to the OAuth flavour `id`.
  public static func flavour(_ id: String) -> Reference { Reference(.flavour, id) }
  /// A reference to the article `id`.
  public static func article(_ id: String) -> Reference { Reference(.article, id) }
  /// A reference to the product `id`.
  public static func product(_ id: String) -> Reference { Reference(.product, id) }
}
