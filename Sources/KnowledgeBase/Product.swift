/// An Atlassian product that takes part in application links, and where its logs are.
public struct Product: Codable, Sendable, Equatable, Identifiable {
  /// Stable, lower-case identifier (`jira`, `bitbucket`), as findings and pages name it.
  public var id: String
  /// The product's name, as readers know it (`Bitbucket Server`).
  public var name: String
  /// Names the product had before (Stash for Bitbucket Server).
  public var formerNames: [String]
  /// Folders holding the application log, as the product's documentation writes them.
  public var applicationLogs: [String]
  /// Folders holding the web server (Tomcat) log, when the product has one.
  public var webServerLogs: [String]
  /// File names of its logs (`atlassian-jira.log`, `catalina.out`).
  public var logFiles: [String]
  /// Package prefixes of the product's own loggers, full and abbreviated.
  public var loggerPrefixes: [String]
  /// How to raise the log level, in Markdown.
  public var debugLogging: String

  /// A product with every field given; it has no former names unless given.
  public init(
    id: String,
    name: String,
    formerNames: [String] = [],
    applicationLogs: [String],
    webServerLogs: [String],
    logFiles: [String],
    loggerPrefixes: [String],
    debugLogging: String
  ) {
    self.id = id
    self.name = name
    self.formerNames = formerNames
    self.applicationLogs = applicationLogs
    self.webServerLogs = webServerLogs
    self.logFiles = logFiles
    self.loggerPrefixes = loggerPrefixes
    self.debugLogging = debugLogging
  }
}

/// A way an application link can authorise requests with OAuth.
public struct OAuthFlavour: Codable, Sendable, Equatable, Identifiable {
  /// Stable, lower-case identifier, the anchor of the flavour on the OAuth page.
  public var id: String
  /// The flavour's name, as readers know it.
  public var name: String
  /// How it authorises requests, in Markdown.
  public var howItAuthorises: String
  /// When to choose it, in Markdown.
  public var whenToChoose: String

  /// A flavour with every text given.
  public init(id: String, name: String, howItAuthorises: String, whenToChoose: String) {
    self.id = id
    self.name = name
    self.howItAuthorises = howItAuthorises
    self.whenToChoose = whenToChoose
  }
}

/// A short page of background reading.
public struct Article: Codable, Sendable, Equatable, Identifiable {
  /// Stable, lower-case identifier: the anchor of the article on the page that shows it.
  public var id: String
  /// Short heading of the article.
  public var title: String
  /// One sentence for lists and search results.
  public var summary: String
  /// The body, in Markdown.
  public var body: String

  /// An article with every text given.
  public init(id: String, title: String, summary: String, body: String) {
    self.id = id
    self.title = title
    self.summary = summary
    self.body = body
  }
}

/// Everything the knowledge base knows.
public struct Catalogue: Codable, Sendable, Equatable {
  /// The catalogue's version, published as `catalogue_version` in `rules.json`.
  public var version: String
  /// Every problem, retired ones included, in the registry's order (a priority on ties).
  public var problems: [Problem]
  /// The products that take part in links, and where each logs.
  public var products: [Product]
  /// The ways a link can authorise requests with OAuth.
  public var flavours: [OAuthFlavour]
  /// The articles of background reading.
  public var articles: [Article]
  /// The status lozenges and error-type categories of the links screen.
  public var linkStatus: LinkStatus
  /// Failures of other parts of a product that look like a link's; their lines give no finding.
  public var unrelated: [UnrelatedFailure]
  /// The checks of `lookup probe`, for the site's "Probe a link" page.
  public var probeChecks: [ProbeCheckInfo]
  /// The layouts the products write log lines in, most specific first.
  public var layouts: [LogLayout]
  /// The patterns that read fields off a line a rule matched, in the order they are tried.
  public var fieldPatterns: [FieldPattern]

  /// A catalogue with every part given; the parts with defaults are empty unless given.
  public init(
    version: String,
    problems: [Problem],
    products: [Product],
    flavours: [OAuthFlavour],
    articles: [Article],
    linkStatus: LinkStatus = LinkStatus(lozenges: [], categories: []),
    unrelated: [UnrelatedFailure] = [],
    probeChecks: [ProbeCheckInfo] = [],
    layouts: [LogLayout] = [],
    fieldPatterns: [FieldPattern] = []
  ) {
    self.unrelated = unrelated
    self.version = version
    self.problems = problems
    self.products = products
    self.flavours = flavours
    self.articles = articles
    self.linkStatus = linkStatus
    self.probeChecks = probeChecks
    self.layouts = layouts
    self.fieldPatterns = fieldPatterns
  }

  /// The problem whose id is `id`, retired or not, if there is one.
  public func problem(_ id: String) -> Problem? { problems.first { $0.id == id } }
  /// The product whose id is `id`, if there is one.
  public func product(_ id: String) -> Product? { products.first { $0.id == id } }
}
