import CCmark

/// One thing wrong with a catalogue entry, naming the entry and the field.
public struct ValidationIssue: Sendable, Equatable, CustomStringConvertible {
  /// Where: `problem signature_invalid`, `product jira`, `catalogue`.
  public var entry: String
  /// Which field, with an index where it is a list: `causes[1].actions`.
  public var field: String
  /// What is wrong, in words a catalogue author acts on.
  public var message: String

  /// An issue with `field` of `entry`.
  public init(entry: String, field: String, message: String) {
    self.entry = entry
    self.field = field
    self.message = message
  }

  /// `entry: field: message`, as `kb check` prints it.
  public var description: String { "\(entry): \(field): \(message)" }
}

/// The catalogue failed validation; `issues` lists every problem found, not just the first.
public struct ValidationError: Error, Sendable, CustomStringConvertible {
  /// Every issue found, in the order validation met them.
  public var issues: [ValidationIssue]

  /// A failure listing `issues`.
  public init(issues: [ValidationIssue]) { self.issues = issues }

  /// How many issues, then one indented line per issue.
  public var description: String {
    let noun = issues.count == 1 ? "issue" : "issues"
    return "catalogue is invalid (\(issues.count) \(noun)):\n"
      + issues.map { "  \($0)" }.joined(separator: "\n")
  }
}

extension Catalogue {
  /// Checks every rule the site and the rule set rely on and returns what is wrong.
  public func validationIssues() -> [ValidationIssue] {
    var check = CatalogueCheck()
    check.nonEmpty(version, entry: "catalogue", field: "version")
    check.uniqueIDs(problems.map(\.id), kind: "problem")
    check.uniqueIDs(products.map(\.id), kind: "product")
    check.uniqueIDs(flavours.map(\.id), kind: "flavour")
    check.uniqueIDs(articles.map(\.id), kind: "article")
    // Problem and section anchors share one namespace on pages that list several kinds.
    check.uniqueIDs(problems.map(\.id) + products.map(\.id) + flavours.map(\.id), kind: "anchor")
    let known: [Reference.Kind: Set<String>] = [
      .problem: Set(problems.map(\.id)), .product: Set(products.map(\.id)),
      .flavour: Set(flavours.map(\.id)), .article: Set(articles.map(\.id)),
    ]
    var codes: [String: String] = [:]
    var statusTypes: [String: String] = [:]
    for problem in problems {
      check.problem(problem, known: known)
      let entry = "problem \(problem.id)"
      if let code = problem.oauthProblem {
        if let other = codes.updateValue(problem.id, forKey: code) {
          check.add(entry, "oauthProblem", "code \(code) is already used by problem \(other)")
        }
      }
      for type in problem.allLinkStatusTypes {
        if let other = statusTypes.updateValue(problem.id, forKey: type) {
          check.add(entry, "linkStatusType", "\(type) is already used by problem \(other)")
        }
      }
    }
    for product in products { check.product(product) }
    // Every error type of the status resource belongs to one problem, and every problem's
    // type to a category, so that `lookup <TYPE>` and the status page always have an answer.
    var categorised: Set<String> = []
    for (index, category) in linkStatus.categories.enumerated() {
      check.prose(category.meaning, entry: "status category \(category.name)", field: "meaning")
      for type in category.types where !categorised.insert(type).inserted {
        check.add("status category \(category.name)", "types", "\(type) is in two categories")
      }
      if category.types.isEmpty {
        check.add("linkStatus", "categories[\(index)].types", "is empty")
      }
    }
    for lozenge in linkStatus.lozenges {
      check.prose(lozenge.meaning, entry: "status lozenge \(lozenge.text)", field: "meaning")
    }
    if !linkStatus.categories.isEmpty {
      for type in categorised.sorted() where statusTypes[type] == nil {
        check.add("linkStatus", "categories", "\(type) is the status type of no problem")
      }
      for (type, problem) in statusTypes.sorted(by: { $0.key < $1.key })
      where !categorised.contains(type) {
        check.add("problem \(problem)", "linkStatusType", "\(type) is in no status category")
      }
    }
    for flavour in flavours {
      let entry = "flavour \(flavour.id)"
      check.nonEmpty(flavour.name, entry: entry, field: "name")
      check.prose(flavour.howItAuthorises, entry: entry, field: "howItAuthorises")
      check.prose(flavour.whenToChoose, entry: entry, field: "whenToChoose")
    }
    for article in articles {
      let entry = "article \(article.id)"
      check.nonEmpty(article.title, entry: entry, field: "title")
      check.nonEmpty(article.summary, entry: entry, field: "summary")
      check.prose(article.body, entry: entry, field: "body")
    }
    check.uniqueIDs(probeChecks.map(\.check), kind: "probe check")
    for probeCheck in probeChecks {
      let entry = "probe check \(probeCheck.check)"
      check.prose(probeCheck.does, entry: entry, field: "does")
      for id in probeCheck.problems where known[.problem]?.contains(id) != true {
        check.add(entry, "problems", "no problem has the id \(id)")
      }
    }
    return check.issues
  }

  /// Throws a ``ValidationError`` listing every issue, or returns the catalogue unchanged.
  @discardableResult
  public func validated() throws -> Catalogue {
    let issues = validationIssues()
    if !issues.isEmpty { throw ValidationError(issues: issues) }
    return self
  }
}

/// Collects issues while walking a catalogue.
private struct CatalogueCheck {
  var issues: [ValidationIssue] = []

  mutating func add(_ entry: String, _ field: String, _ message: String) {
    issues.append(ValidationIssue(entry: entry, field: field, message: message))
  }

  mutating func nonEmpty(_ value: String, entry: String, field: String) {
    if value.allSatisfy(\.isWhitespace) { add(entry, field, "is empty") }
    if Placeholder.isLeft(in: value) {
      add(entry, field, "still holds a placeholder of kb new-problem (<#...#>); write it")
    }
  }

  mutating func prose(_ value: String, entry: String, field: String) {
    nonEmpty(value, entry: entry, field: field)
    if let problem = MarkdownCheck.problem(in: value) { add(entry, field, problem) }
  }

  mutating func uniqueIDs(_ ids: [String], kind: String) {
    var seen: Set<String> = []
    for id in ids {
      if !IdentifierRules.isValid(id) {
        add(
          "\(kind) \(id.isEmpty ? "(empty)" : id)", "id",
          "must be lower-case letters, digits, '-' or '_', starting with a letter or digit")
      }
      if !seen.insert(id).inserted { add("\(kind) \(id)", "id", "is used more than once") }
    }
  }

  mutating func problem(_ problem: Problem, known: [Reference.Kind: Set<String>]) {
    let entry = "problem \(problem.id)"
    nonEmpty(problem.title, entry: entry, field: "title")
    nonEmpty(problem.summary, entry: entry, field: "summary")
    nonEmpty(problem.logMessage, entry: entry, field: "logMessage")
    prose(problem.meaning, entry: entry, field: "meaning")
    if let code = problem.oauthProblem, !IdentifierRules.isCode(code) {
      add(entry, "oauthProblem", "'\(code)' is not a lower-case oauth_problem value")
    }
    for type in problem.allLinkStatusTypes where !IdentifierRules.isStatusType(type) {
      add(entry, "linkStatusType", "'\(type)' is not an upper-case status type name")
    }
    if problem.causes.isEmpty { add(entry, "causes", "has no cause") }
    for (index, cause) in problem.causes.enumerated() {
      prose(cause.description, entry: entry, field: "causes[\(index)].description")
      if cause.actions.isEmpty { add(entry, "causes[\(index)].actions", "has no action") }
      for (actionIndex, action) in cause.actions.enumerated() {
        prose(action, entry: entry, field: "causes[\(index)].actions[\(actionIndex)]")
      }
    }
    for (index, message) in problem.messages.enumerated() {
      let field = "messages[\(index)]"
      nonEmpty(message.literal, entry: entry, field: "\(field).literal")
      nonEmpty(message.pattern, entry: entry, field: "\(field).pattern")
      for (captureIndex, name) in message.captures.enumerated() where name.isEmpty {
        add(entry, "\(field).captures[\(captureIndex)]", "is empty")
      }
    }
    if !problem.retired && problem.examples.count < Problem.minimumExamples {
      let count = problem.examples.count
      add(
        entry, "examples",
        "has \(count) example log line\(count == 1 ? "" : "s"); give at least "
          + "\(Problem.minimumExamples), in different shapes")
    }
    for (index, example) in problem.examples.enumerated() {
      nonEmpty(example, entry: entry, field: "examples[\(index)]")
      if example.contains(where: \.isNewline) {
        add(entry, "examples[\(index)]", "must be a single line")
      }
    }
    for (index, reference) in problem.seeAlso.enumerated()
    where !(known[reference.kind]?.contains(reference.id) ?? false) {
      add(
        entry, "seeAlso[\(index)]",
        "refers to unknown \(reference.kind.rawValue) '\(reference.id)'")
    }
    if problem.seeAlso.contains(.problem(problem.id)) {
      add(entry, "seeAlso", "refers to the problem itself")
    }
    for (index, product) in problem.products.enumerated()
    where !(known[.product]?.contains(product) ?? false) {
      add(entry, "products[\(index)]", "refers to unknown product '\(product)'")
    }
  }

  mutating func product(_ product: Product) {
    let entry = "product \(product.id)"
    nonEmpty(product.name, entry: entry, field: "name")
    if product.applicationLogs.isEmpty && product.webServerLogs.isEmpty {
      add(entry, "applicationLogs", "names no log location")
    }
    for (index, path) in product.applicationLogs.enumerated() {
      nonEmpty(path, entry: entry, field: "applicationLogs[\(index)]")
    }
    for (index, path) in product.webServerLogs.enumerated() {
      nonEmpty(path, entry: entry, field: "webServerLogs[\(index)]")
    }
    if product.logFiles.isEmpty { add(entry, "logFiles", "names no log file") }
    for (index, prefix) in product.loggerPrefixes.enumerated() {
      nonEmpty(prefix, entry: entry, field: "loggerPrefixes[\(index)]")
    }
    prose(product.debugLogging, entry: entry, field: "debugLogging")
  }
}

/// The `<#...#>` placeholders `kb new-problem` writes for every field to fill, as Xcode's
/// editor placeholders are written; validation refuses a text that still holds one.
public enum Placeholder {
  /// A placeholder that tells what to write instead: `<#hint#>`.
  public static func text(_ hint: String) -> String { "<#" + hint + "#>" }

  /// Whether `text` holds a placeholder: a `<#` with a `#>` after it.
  public static func isLeft(in text: String) -> Bool {
    guard let open = text.firstRange(of: "<#") else { return false }
    return text[open.upperBound...].contains("#>")
  }
}

/// The shapes ids, codes and status types must have.
public enum IdentifierRules {
  /// Lower-case, URL-safe: letters, digits, `-` and `_`, starting with a letter or digit.
  public static func isValid(_ id: String) -> Bool {
    guard let first = id.unicodeScalars.first, isLowerAlnum(first) else { return false }
    return id.unicodeScalars.allSatisfy { isLowerAlnum($0) || $0 == "-" || $0 == "_" }
  }

  static func isCode(_ code: String) -> Bool {
    !code.isEmpty && code.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || $0 == "_" }
  }

  static func isStatusType(_ type: String) -> Bool {
    !type.isEmpty && type.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || $0 == "_" }
  }

  private static func isLowerAlnum(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
  }
}

/// Checks prose with libcmark, the same parser that renders it.
enum MarkdownCheck {
  /// Describes why `markdown` would not render as written, or nil when it is fine.
  ///
  /// CommonMark accepts any text, so "parses" here means: nothing would be dropped. Raw HTML
  /// is left out when rendering, so prose must not rely on it.
  static func problem(in markdown: String) -> String? {
    guard let document = cmark_parse_document(markdown, markdown.utf8.count, CMARK_OPT_DEFAULT)
    else { return "could not be parsed as Markdown" }
    defer { cmark_node_free(document) }
    guard let iterator = cmark_iter_new(document) else { return nil }
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { return nil }
      guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
      switch cmark_node_get_type(node) {
      case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
        let html = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        return "contains raw HTML (\(html.prefix(40))), which the site leaves out"
      default: continue
      }
    }
  }
}
