import KnowledgeBase

extension RuleSet {
  /// Compiles the rules for every live problem of `catalogue`, in catalogue order.
  public init(catalogue: Catalogue) {
    let live = catalogue.problems.filter { !$0.retired }
    self.init(
      catalogueVersion: catalogue.version,
      problems: catalogue.problems.map(ProblemInfo.init),
      products: ProductInfo.all(from: catalogue.products),
      rules: live.flatMap(Rule.rules(for:)),
      extractors: catalogue.fieldPatterns,
      derived: DerivedField.standard,
      layouts: catalogue.layouts.map {
        LineLayout(id: $0.id, product: $0.product, pattern: $0.pattern, captures: $0.captures)
      },
      linkStatus: catalogue.linkStatus,
      exclusions: catalogue.unrelated.map {
        Exclusion(id: $0.id, system: $0.system, pattern: $0.pattern)
      }
    )
  }
}

extension ProblemInfo {
  init(_ problem: Problem) {
    self.init(
      id: problem.id, title: problem.title, summary: problem.summary, meaning: problem.meaning,
      category: problem.category.rawValue, categoryTitle: problem.category.title,
      oauthProblem: problem.oauthProblem, linkStatusTypes: problem.allLinkStatusTypes,
      logMessage: problem.logMessage, causes: problem.causes, products: problem.products,
      url: ProblemInfo.url(for: problem.id))
  }

  /// The page of a problem, relative to the site root.
  public static func url(for id: String) -> String { "problems/\(id).html" }
}

extension ProductInfo {
  /// Products with the file-name prefixes that identify each one alone.
  static func all(from products: [Product]) -> [ProductInfo] {
    let prefixes = products.map { product in
      (product.id, Set(product.logFiles.map(fileNamePrefix)))
    }
    var owners: [String: Int] = [:]
    for (_, set) in prefixes { for prefix in set { owners[prefix, default: 0] += 1 } }
    return products.map { product in
      let own = Set(product.logFiles.map(fileNamePrefix)).filter { owners[$0] == 1 }
      return ProductInfo(
        id: product.id, name: product.name, applicationLogs: product.applicationLogs,
        webServerLogs: product.webServerLogs, logFiles: product.logFiles,
        loggerPrefixes: product.loggerPrefixes, logFilePrefixes: own.sorted())
    }
  }

  /// `atlassian-fisheye-YYYY-MM-DD.log` -> `atlassian-fisheye-`; `atlassian-jira.log` ->
  /// `atlassian-jira.`, so that rotated files (`atlassian-jira.log.1`) still match.
  static func fileNamePrefix(_ name: String) -> String {
    if let date = name.range(of: "YYYY") { return String(name[..<date.lowerBound]) }
    if let dot = name.lastIndex(of: ".") { return String(name[...dot]) }
    return name
  }
}

extension Rule {
  /// Characters that may not stand next to a code or status type for it to count as a word.
  static let wordClass = "[A-Za-z0-9_]"

  /// The shapes an `oauth_problem` value takes in logs, bodies, headers and client messages.
  /// `CODE` stands for the value; group 1 captures it.
  static let codeShapes: [(shape: String, pattern: String)] = [
    ("form", "oauth_problem=(CODE)(?!\(wordClass))"),
    ("encoded", "oauth_problem%3D(CODE)(?!\(wordClass))"),
    ("header", "oauth_problem=[\"'](CODE)[\"']"),
    ("json", "[\"']oauth_problem[\"'] ?: ?[\"'](CODE)[\"']"),
    ("error-was", "error was \"(CODE)\""),
    ("exception", "OAuthProblemException: (CODE)(?!\(wordClass))"),
    ("ruby", "(?:^|[^A-Za-z0-9_])(CODE) \\(OAuth::Problem\\)"),
    ("ruby-message", "OAuth::Problem \\((CODE)\\)"),
    ("ruby-dash", "OAuth::Problem - (CODE)(?!\(wordClass))"),
    // A gadget or macro error listing the value in brackets: `OAuth fetch fatal error: [CODE,...]`.
    // Neither run reads across the start of another attempt, so that a line of repeated
    // openings costs each start a few bytes, not the whole window: the one after `OAuth` stops
    // at the next `OAuth` (the same match is found from there), the one after `CODE,` at a `[`
    // that opens the code again (a list that names its own code twice may no longer match).
    (
      "bracketed",
      "OAuth(?:[^\\[\\]\\nO]|O(?!Auth)){0,200}\\[(CODE)(?:,(?:[^\\[\\]\\n]|\\[(?!CODE[,\\]])){0,300})?\\]"
    ),
  ]

  /// Extra literals a code shape needs besides the code (each lies inside its match).
  static let codeShapeLiterals: [String: [String]] = ["bracketed": ["OAuth"]]

  static let codePriority = 100

  /// Codes that other APIs also use as ordinary words (`PERMISSION_DENIED` in gRPC, a
  /// `token_expired` of any bearer scheme): they count only in the shapes of `oauth_problem`.
  static let ordinaryCodes: Set<String> = [
    "permission_denied", "permission_unknown", "user_refused", "token_expired",
  ]
  static let statusTypePriority = 40

  package static func rules(for problem: Problem) -> [Rule] {
    var rules: [Rule] = []
    if let code = problem.oauthProblem, !ordinaryCodes.contains(code) {
      // A code of its own, such as `signature_invalid`, says which problem even as a bare
      // word in a sentence; it ranks below the shapes that show where the code came from.
      rules.append(
        Rule(
          id: "\(problem.id).bare", problem: problem.id, shape: "bare", basis: .code,
          literals: [code], pattern: "(?:^|[^A-Za-z0-9_])(\(code))(?!\(wordClass))",
          captures: ["oauth_problem"], priority: codePriority - 10))
    }
    if let code = problem.oauthProblem {
      for (shape, pattern) in codeShapes {
        rules.append(
          Rule(
            id: "\(problem.id).\(shape)", problem: problem.id, shape: shape, basis: .code,
            literals: [code] + (codeShapeLiterals[shape] ?? []),
            pattern: pattern.replacingOccurrences(of: "CODE", with: code),
            captures: ["oauth_problem"], priority: codePriority))
      }
    }
    for (index, message) in problem.messages.enumerated() {
      rules.append(
        Rule(
          id: "\(problem.id).message-\(index + 1)", problem: problem.id, shape: "message",
          basis: message.basis,
          literals: [message.literal], pattern: message.pattern, captures: message.captures,
          priority: message.priority))
    }
    for type in problem.allLinkStatusTypes {
      // The status resource's answer, `"type": "UNKNOWN_HOST"`, says it for every type.
      rules.append(
        Rule(
          id: "\(problem.id).status-json-\(type.lowercased())", problem: problem.id,
          shape: "status-json", basis: .code, literals: ["\"\(type)\""],
          pattern: "\"type\" ?: ?\"(\(type))\"", captures: ["link_status_type"],
          priority: statusTypePriority + 5))
      // A bare name only counts when it cannot be an ordinary word (`UNKNOWN`, `DISABLED`).
      guard type.contains("_") else { continue }
      rules.append(
        Rule(
          id: "\(problem.id).status-\(type.lowercased())", problem: problem.id,
          shape: "status-type", basis: .code, literals: [type],
          pattern: "(?:^|[^A-Za-z0-9_])(\(type))(?!\(wordClass))",
          captures: ["link_status_type"], priority: statusTypePriority))
    }
    return rules
  }
}

extension DerivedField {
  static let standard: [DerivedField] = [
    .init(field: "remote_clock", function: .windowMiddleISO8601, inputs: ["acceptable_timestamps"]),
    .init(
      field: "clock_skew_seconds", function: .secondsFromWindowMiddle,
      inputs: ["request_timestamp", "acceptable_timestamps"]),
    .init(
      field: "link", function: .linkOrigin,
      inputs: [
        "signed_url", "request_url", "realm", "remote_host", "remote_port", "consumer_key",
      ]),
  ]
}
