import Foundation
import KnowledgeBase

/// `kb new-problem ID --category C [--after OTHER]`: writes `Sources/Catalogue/Problems/ID.swift`
/// from a template with a `<#...#>` placeholder in every field to fill (validation refuses the
/// catalogue until none is left), registers it in `Registry.swift` (at the end of the priority
/// order, or right after `OTHER`) and pins its id in `pinned-ids.txt`.
public struct NewProblem: Sendable {
  /// The new problem's id, which names its file.
  public var id: String
  /// The group it is listed under.
  public var category: KnowledgeBase.Category
  /// The registered problem it comes right after in the priority order; nil for the end.
  public var after: String?

  /// A problem to add; see the properties.
  public init(id: String, category: KnowledgeBase.Category, after: String? = nil) {
    self.id = id
    self.category = category
    self.after = after
  }

  /// The category whose id (as the site and `rules.json` write it) is `name`; the error lists
  /// every category.
  public static func category(named name: String) throws(NewProblemError)
    -> KnowledgeBase.Category
  {
    if let category = KnowledgeBase.Category(rawValue: name) { return category }
    let known = KnowledgeBase.Category.allCases.map { "  \($0.rawValue)  (\($0.title))" }
    throw NewProblemError(
      "unknown category '\(name)'; choose one of:\n" + known.joined(separator: "\n"))
  }

  /// The file the problem is written to, inside `Sources/Catalogue/Problems`.
  public var fileName: String { id + ".swift" }

  /// The Swift name of the problem, `Problem.<name>`: the id in lower camel case
  /// (`oauth2_invalid_grant` gives `oauth2InvalidGrant`).
  public var constantName: String {
    let words = id.split(whereSeparator: { $0 == "_" || $0 == "-" })
    guard let first = words.first else { return "" }
    return String(first)
      + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }
      .joined()
  }

  /// The sources with the problem written, registered and pinned; refuses an id that is not a
  /// valid problem id or is taken, and an `after` that names no registered problem.
  public func edited(_ sources: ProblemSources) throws(NewProblemError) -> ProblemSources {
    guard IdentifierRules.isValid(id), id.first?.isLetter == true else {
      throw NewProblemError(
        "'\(id)' is not a problem id: lower-case letters, digits, '_' or '-', starting with a "
          + "letter (an oauth_problem value is its own id); it becomes a URL, an anchor and a "
          + "key of rules.json")
    }
    if Self.swiftKeywords.contains(constantName) {
      throw NewProblemError(
        "'\(id)' would name the problem Problem.\(constantName), a Swift keyword; choose "
          + "another id")
    }
    let registryPath = ProblemSources.registryPath
    guard let registryText = sources.registry, var registry = RegistryList(registryText) else {
      throw NewProblemError(
        "\(registryPath) is missing or has no 'static let registered: [Problem] = [' list")
    }
    guard let pinnedText = sources.pinned else {
      throw NewProblemError("\(ProblemSources.pinnedPath) is missing")
    }
    let path = ProblemSources.path(of: fileName)
    if sources.problemFiles[fileName] != nil {
      throw NewProblemError("\(path) exists already; problem \(id) is there to edit")
    }
    if PinnedIDs.problems(in: pinnedText).contains(id) {
      throw NewProblemError(
        "problem \(id) is pinned in \(ProblemSources.pinnedPath) already: ids are public and never "
          + "reused, even a retired problem's; choose another id")
    }
    var constants: [String: String] = [:]
    for (name, text) in sources.problemFiles {
      for declaration in ProblemDeclaration.all(in: text) {
        constants[declaration.constant] = declaration.id
        if declaration.id == id || declaration.constant == constantName {
          throw NewProblemError(
            "\(ProblemSources.path(of: name)) declares Problem.\(declaration.constant) (id "
              + "\(declaration.id ?? "?")) already; choose another id")
        }
      }
    }
    var insertion = registry.entries.last.map { $0.line } ?? registry.closingIndex
    if let after {
      guard
        let entry = registry.entries.first(where: { constants[$0.constant] == after })
      else {
        throw NewProblemError(
          "--after \(after): no problem registered in \(registryPath) has that id")
      }
      insertion = entry.line
    }
    let indent =
      registry.entries.first.map { String(registry.lines[$0.line - 1].prefix { $0 == " " }) }
      ?? "    "
    registry.lines.insert(indent + "." + constantName + ",", at: insertion)
    var edited = sources
    edited.problemFiles[fileName] = template
    edited.registry = registry.lines.joined(separator: "\n")
    edited.pinned =
      pinnedText + (pinnedText.isEmpty || pinnedText.hasSuffix("\n") ? "" : "\n")
      + "problem \(id)\n"
    return edited
  }

  /// Writes the problem, the registry and the pinned ids of the package at `root`, and returns
  /// the paths it wrote, relative to `root`. Nothing is written when it refuses.
  public func write(root: URL) throws -> [String] {
    guard let sources = try ProblemSources.read(root: root) else {
      throw NewProblemError(
        "no \(ProblemSources.problemsFolder) in \(root.path): run kb new-problem at the root of "
          + "the AppLinksKB checkout, or give --package-root")
    }
    let edited = try edited(sources)
    let problemPath = ProblemSources.path(of: fileName)
    try Data(edited.problemFiles[fileName]!.utf8).write(
      to: root.appendingPathComponent(problemPath), options: .withoutOverwriting)
    try Data(edited.registry!.utf8).write(
      to: root.appendingPathComponent(ProblemSources.registryPath), options: .atomic)
    try Data(edited.pinned!.utf8).write(
      to: root.appendingPathComponent(ProblemSources.pinnedPath), options: .atomic)
    return [problemPath, ProblemSources.registryPath, ProblemSources.pinnedPath]
  }

  /// Keywords that cannot name a `static let` without backticks.
  static let swiftKeywords: Set<String> = [
    "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import",
    "init", "inout", "internal", "let", "open", "operator", "private", "precedencegroup",
    "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var", "break",
    "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard",
    "if", "in", "repeat", "return", "throw", "switch", "where", "while", "as", "false", "is", "nil",
    "self", "super", "throws", "true", "try", "await", "any", "some",
  ]
}

/// Why `kb new-problem` refused; nothing was written.
public struct NewProblemError: Error, Sendable, CustomStringConvertible {
  /// What was refused and why, naming the file or option.
  public var message: String

  /// A refusal saying `message`.
  public init(_ message: String) { self.message = message }

  /// The message, as `kb` prints it.
  public var description: String { message }
}
