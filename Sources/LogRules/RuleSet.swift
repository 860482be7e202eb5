import KnowledgeBase

/// Everything needed to explain log lines, compiled from a catalogue or loaded from `rules.json`.
///
/// This is the exported contract: `lookup`, the site's paste box and the Python reference
/// consumer all apply exactly these rules, so they give the same answers.
public struct RuleSet: Codable, Sendable, Equatable {
  /// Version of the `rules.json` format. Bumped when a consumer would misread the new form.
  public static let schemaVersion = 4

  /// The longest line an engine reads, in bytes (`max_line_bytes`): a longer line is explained
  /// from its first this many bytes and the rest of it is read past. The one declaration of the
  /// limit: `rules.json` carries it, and every engine takes it from there.
  public static let standardMaxLineBytes = 1 << 20
  /// The values `max_line_bytes` may take in a rule set read from a file.
  public static let maxLineBytesRange = 1...(64 << 20)
  /// How many distinct links of one problem a summary counts one by one
  /// (`summary_max_links`); findings of links after those are only counted. The one
  /// declaration of the cap: `rules.json` carries it, and every engine that summarises takes
  /// it from there.
  public static let standardSummaryMaxLinks = 100
  /// The values `summary_max_links` may take in a rule set read from a file.
  public static let summaryMaxLinksRange = 1...1_000_000

  /// The `rules.json` format version this set was written in; the loader accepts only
  /// ``RuleSet/schemaVersion``.
  public var schemaVersion: Int
  /// The version of the catalogue the rules were compiled from.
  public var catalogueVersion: String
  /// Every problem of the catalogue, retired ones included, with the texts a finding shows.
  public var problems: [ProblemInfo]
  /// The products, with where they log and how their lines and files are recognised.
  public var products: [ProductInfo]
  /// Every rule of the live problems, in the registry's order (the order breaks ties).
  public var rules: [Rule]
  /// Patterns that pull single fields (a URL, a consumer key) out of a line a rule matched.
  public var extractors: [FieldExtractor]
  /// Fields computed from other fields once a line's fields are read.
  public var derived: [DerivedField]
  /// The products' line layouts, most specific first; the first that matches a line counts.
  public var layouts: [LineLayout]
  /// Every field the rules, extractors, derived fields and layouts may set.
  public var fields: [FieldInfo]
  /// The links screen's lozenges and the categories of its error types.
  public var linkStatus: LinkStatus
  /// What every engine does to a line before matching it, in order.
  public var normalisation: [NormalisationStep]
  /// Lines of other systems' failures: a line that one of these matches gives no finding.
  public var exclusions: [Exclusion]
  /// The longest line an engine reads (``standardMaxLineBytes`` unless the file says else).
  public var maxLineBytes: Int
  /// How many distinct links per problem a summary counts one by one.
  public var summaryMaxLinks: Int

  /// A rule set with every part given; the defaults are this version's fields, no link-status
  /// lozenges, every normalisation step and no exclusions.
  public init(
    schemaVersion: Int = RuleSet.schemaVersion,
    catalogueVersion: String,
    problems: [ProblemInfo],
    products: [ProductInfo],
    rules: [Rule],
    extractors: [FieldExtractor],
    derived: [DerivedField],
    layouts: [LineLayout],
    fields: [FieldInfo] = FieldRegistry.fields,
    linkStatus: LinkStatus = LinkStatus(lozenges: [], categories: []),
    normalisation: [NormalisationStep] = NormalisationStep.allCases,
    exclusions: [Exclusion] = [],
    maxLineBytes: Int = RuleSet.standardMaxLineBytes,
    summaryMaxLinks: Int = RuleSet.standardSummaryMaxLinks
  ) {
    self.maxLineBytes = maxLineBytes
    self.summaryMaxLinks = summaryMaxLinks
    self.normalisation = normalisation
    self.exclusions = exclusions
    self.schemaVersion = schemaVersion
    self.catalogueVersion = catalogueVersion
    self.problems = problems
    self.products = products
    self.rules = rules
    self.extractors = extractors
    self.derived = derived
    self.layouts = layouts
    self.fields = fields
    self.linkStatus = linkStatus
  }

  /// The problem whose id is `id`, if the set has one.
  public func problem(_ id: String) -> ProblemInfo? { problems.first { $0.id == id } }
  /// The product whose id is `id` (`jira`, `confluence`), if the set has one.
  public func product(_ id: String) -> ProductInfo? { products.first { $0.id == id } }
}

/// One way a problem shows in a log line.
public struct Rule: Codable, Sendable, Equatable {
  /// `<problem>.<shape>`, unique within the set.
  public var id: String
  /// The id of the problem this rule recognises, one of ``RuleSet/problems``.
  public var problem: String
  /// What kind of evidence: `form`, `header`, `json`, `error-was`, `exception`, `ruby`,
  /// `status-type`, `message`.
  public var shape: String
  /// Case-sensitive texts that every match contains; a line without all of them is skipped
  /// before the regular expression runs.
  public var literals: [String]
  /// Regular expression in the portable subset (ICU, Python `re`, JavaScript `RegExp`).
  public var pattern: String
  /// Field names of capture groups 1, 2, ... (empty string: unnamed).
  public var captures: [String]
  /// What the rule recognises its problem by. Among the rules matching a line, the strongest
  /// basis wins.
  public var basis: Basis
  /// Among the matching rules of the strongest basis, the highest priority wins.
  public var priority: Int

  /// A rule with every part given; ``RuleSet/init(jsonData:)`` checks that the parts fit together.
  public init(
    id: String, problem: String, shape: String, basis: Basis, literals: [String],
    pattern: String, captures: [String], priority: Int
  ) {
    self.id = id
    self.problem = problem
    self.shape = shape
    self.basis = basis
    self.literals = literals
    self.pattern = pattern
    self.captures = captures
    self.priority = priority
  }
}

extension Rule {
  /// Whether this rule's answer beats `other`'s on a line both match: the stronger basis wins,
  /// then the higher priority. On a tie the rule listed first keeps the line.
  public func outranks(_ other: Rule) -> Bool {
    basis != other.basis ? basis < other.basis : priority > other.priority
  }
}

/// A failure of another system than the link (the product's database, mail server, user
/// directory): a line its pattern matches gives no finding.
public struct Exclusion: Codable, Sendable, Equatable {
  /// The id of the catalogue's unrelated failure it comes from (`database`, `mail-server`).
  public var id: String
  /// What fails instead of the link, in words.
  public var system: String
  /// Regular expression in the portable subset, tried on the normalised line of a finding.
  public var pattern: String

  /// An exclusion with every part given.
  public init(id: String, system: String, pattern: String) {
    self.id = id
    self.system = system
    self.pattern = pattern
  }
}

/// Pulls one field out of a line that matched a rule: the catalogue's field pattern, published
/// as it is. The first extractor of a field that matches wins.
public typealias FieldExtractor = FieldPattern

/// A field computed from other fields.
public struct DerivedField: Codable, Sendable, Equatable {
  /// The name of the field this computes, declared in ``FieldRegistry``.
  public var field: String
  /// How the value is computed from `inputs`.
  public var function: DerivedFunction
  /// The names of the fields `function` reads, by position.
  public var inputs: [String]

  /// A derived field with every part given.
  public init(field: String, function: DerivedFunction, inputs: [String]) {
    self.field = field
    self.function = function
    self.inputs = inputs
  }
}

/// Computations consumers of `rules.json` implement.
public enum DerivedFunction: String, Codable, Sendable, CaseIterable {
  /// The middle of a `start-end` window of Unix seconds (rounded down), as ISO 8601 UTC
  /// (`2024-03-05T14:02:11Z`).
  case windowMiddleISO8601 = "window_middle_iso8601"
  /// First input (Unix seconds) minus the middle of the second input's window, rounded down.
  case secondsFromWindowMiddle = "seconds_from_window_middle"
  /// The remote end of an application link, from six inputs by position: three URLs tried in
  /// order (the first that is an `http` or `https` URL with a host gives its origin), then a
  /// host and its port (`host:port`, or `host`), then a consumer key as it is. See
  /// ``LinkOrigin``.
  case linkOrigin = "link_origin"
}

/// The layout a product writes its log lines in; tried at the start of a line.
public struct LineLayout: Codable, Sendable, Equatable {
  /// The layout's name in the catalogue (`bitbucket`, `bracketed`).
  public var id: String
  /// The product this layout identifies, when only one product writes it.
  public var product: String?
  /// Regular expression in the portable subset, anchored with `^`, tried on a line's start.
  public var pattern: String
  /// Field names of capture groups 1, 2, ...
  public var captures: [String]

  /// A layout with every part given.
  public init(id: String, product: String?, pattern: String, captures: [String]) {
    self.id = id
    self.product = product
    self.pattern = pattern
    self.captures = captures
  }
}

/// What a reader needs to know about a problem, carried in the rule set.
public struct ProblemInfo: Codable, Sendable, Equatable {
  /// The problem's public id, as in its page URL and the rules' `problem`.
  public var id: String
  /// Short heading, as a reader would say it.
  public var title: String
  /// One sentence for lists and search results.
  public var summary: String
  /// What the failure means for the link, in Markdown.
  public var meaning: String
  /// The raw value of the problem's category (`network-and-tls`), which lists group by.
  public var category: String
  /// The category's heading, as readers see it.
  public var categoryTitle: String
  /// The `oauth_problem` value this problem reports, when it has one.
  public var oauthProblem: String?
  /// Every links-screen status type that leads to this problem, its own first.
  public var linkStatusTypes: [String]
  /// The message an administrator finds in the logs, as the products write it.
  public var logMessage: String
  /// Why the problem happens, each cause with its actions in the order to try them.
  public var causes: [Cause]
  /// Ids of the products this problem concerns; empty means every product.
  public var products: [String]
  /// Page path relative to the site root, with no anchor: `problems/<id>.html`.
  public var url: String

  /// The texts of a problem as given; ``RuleSet/init(catalogue:)`` fills them from the catalogue.
  public init(
    id: String, title: String, summary: String, meaning: String, category: String,
    categoryTitle: String, oauthProblem: String?, linkStatusTypes: [String], logMessage: String,
    causes: [Cause], products: [String], url: String
  ) {
    self.id = id
    self.title = title
    self.summary = summary
    self.meaning = meaning
    self.category = category
    self.categoryTitle = categoryTitle
    self.oauthProblem = oauthProblem
    self.linkStatusTypes = linkStatusTypes
    self.logMessage = logMessage
    self.causes = causes
    self.products = products
    self.url = url
  }
}

/// Where a product logs, and how to recognise its lines.
public struct ProductInfo: Codable, Sendable, Equatable {
  /// The product's id (`jira`, `bitbucket`), as a finding's `product` field names it.
  public var id: String
  /// The product's name, as readers know it (`Bitbucket Server`).
  public var name: String
  /// Folders holding the application log, as the product's documentation writes them.
  public var applicationLogs: [String]
  /// Folders holding the web server (Tomcat) log, when the product has one.
  public var webServerLogs: [String]
  /// File names of its logs (`atlassian-jira.log`, `catalina.out`).
  public var logFiles: [String]
  /// Package prefixes of the product's own loggers, full and abbreviated; a line whose logger
  /// starts with one is this product's.
  public var loggerPrefixes: [String]
  /// File-name prefixes that belong to this product alone (`atlassian-jira`).
  public var logFilePrefixes: [String]

  /// A product with every part given.
  public init(
    id: String, name: String, applicationLogs: [String], webServerLogs: [String],
    logFiles: [String], loggerPrefixes: [String], logFilePrefixes: [String]
  ) {
    self.id = id
    self.name = name
    self.applicationLogs = applicationLogs
    self.webServerLogs = webServerLogs
    self.logFiles = logFiles
    self.loggerPrefixes = loggerPrefixes
    self.logFilePrefixes = logFilePrefixes
  }
}
