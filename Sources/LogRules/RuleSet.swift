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

  public var schemaVersion: Int
  public var catalogueVersion: String
  public var problems: [ProblemInfo]
  public var products: [ProductInfo]
  public var rules: [Rule]
  public var extractors: [FieldExtractor]
  public var derived: [DerivedField]
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

  public func problem(_ id: String) -> ProblemInfo? { problems.first { $0.id == id } }
  public func product(_ id: String) -> ProductInfo? { products.first { $0.id == id } }
}

/// One way a problem shows in a log line.
public struct Rule: Codable, Sendable, Equatable {
  /// `<problem>.<shape>`, unique within the set.
  public var id: String
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
  public var id: String
  /// What fails instead of the link, in words.
  public var system: String
  /// Regular expression in the portable subset, tried on the normalised line of a finding.
  public var pattern: String

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
  public var field: String
  public var function: DerivedFunction
  public var inputs: [String]

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
  public var id: String
  /// The product this layout identifies, when only one product writes it.
  public var product: String?
  public var pattern: String
  /// Field names of capture groups 1, 2, ...
  public var captures: [String]

  public init(id: String, product: String?, pattern: String, captures: [String]) {
    self.id = id
    self.product = product
    self.pattern = pattern
    self.captures = captures
  }
}

/// What a reader needs to know about a problem, carried in the rule set.
public struct ProblemInfo: Codable, Sendable, Equatable {
  public var id: String
  public var title: String
  public var summary: String
  public var meaning: String
  public var category: String
  public var categoryTitle: String
  public var oauthProblem: String?
  public var linkStatusTypes: [String]
  public var logMessage: String
  public var causes: [Cause]
  public var products: [String]
  /// Page path relative to the site root, with no anchor: `problems/<id>.html`.
  public var url: String

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
  public var id: String
  public var name: String
  public var applicationLogs: [String]
  public var webServerLogs: [String]
  public var logFiles: [String]
  public var loggerPrefixes: [String]
  /// File-name prefixes that belong to this product alone (`atlassian-jira`).
  public var logFilePrefixes: [String]

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
