import Foundation

/// The Swift sources of the catalogue's problems, as texts: one file per problem in
/// `Sources/Catalogue/Problems`, the registry that lists them in priority order
/// (`Registry.swift`), and the pinned ids (`Tests/CatalogueTests/pinned-ids.txt`).
///
/// `kb check` reads them to prove that every problem file is registered once and pinned
/// (``ProblemRegistryCheck``); `kb new-problem` edits them (``NewProblem``). Both work on these
/// texts, so that tests need no copy of the package.
public struct ProblemSources: Sendable, Equatable {
  /// The folder of the problem files, relative to the package root.
  public static let problemsFolder = "Sources/Catalogue/Problems"
  /// The registry's file name inside ``problemsFolder``.
  public static let registryName = "Registry.swift"
  /// The registry, relative to the package root.
  public static let registryPath = problemsFolder + "/" + registryName
  /// The pinned ids, relative to the package root.
  public static let pinnedPath = "Tests/CatalogueTests/pinned-ids.txt"

  /// Each `.swift` file of ``problemsFolder`` but the registry, by file name.
  public var problemFiles: [String: String]
  /// The text of `Registry.swift`; nil when it is missing.
  public var registry: String?
  /// The text of `pinned-ids.txt`; nil when it is missing.
  public var pinned: String?

  /// Sources given as texts; see the properties.
  public init(problemFiles: [String: String], registry: String?, pinned: String?) {
    self.problemFiles = problemFiles
    self.registry = registry
    self.pinned = pinned
  }

  /// Reads the sources of the package at `root`, or returns nil when it has no
  /// ``problemsFolder`` (an installed `kb`, run outside a checkout).
  public static func read(root: URL) throws -> ProblemSources? {
    let folder = root.appendingPathComponent(problemsFolder, isDirectory: true)
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder),
      isFolder.boolValue
    else { return nil }
    var files: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
    where name.hasSuffix(".swift") && name != registryName {
      files[name] = try String(
        contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
    return ProblemSources(
      problemFiles: files,
      registry: try? String(
        contentsOf: root.appendingPathComponent(registryPath), encoding: .utf8),
      pinned: try? String(contentsOf: root.appendingPathComponent(pinnedPath), encoding: .utf8))
  }

  /// The path of a problem file, relative to the package root, for messages.
  static func path(of fileName: String) -> String { problemsFolder + "/" + fileName }
}

/// The problems one file declares: `static let name = Problem(id: "...", ...)`.
struct ProblemDeclaration: Equatable {
  /// The Swift name, as the registry lists it (`.consumerKeyUnknown`).
  var constant: String
  /// The id given as the first argument; nil when the declaration does not start with one.
  var id: String?

  static func all(in text: String) -> [ProblemDeclaration] {
    let declaration = #/static\s+let\s+([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*Problem\s*)?=\s*Problem\(/#
    // Comments may stand before the first argument.
    let firstArgument = #/(?:\s*//[^\n]*)*\s*id:\s*"([^"\\]*)"/#
    return text.matches(of: declaration).map { match in
      let rest = text[match.range.upperBound...]
      var id: String?
      if let first = try? firstArgument.prefixMatch(in: rest) { id = String(first.1) }
      return ProblemDeclaration(constant: String(match.1), id: id)
    }
  }
}

/// `Problem.registered` as `Registry.swift` writes it: one `.name,` per line between
/// `static let registered: [Problem] = [` and the line `]`.
struct RegistryList {
  struct Entry: Equatable {
    var constant: String
    /// 1-based line of `Registry.swift`.
    var line: Int
  }

  var lines: [String]
  var entries: [Entry] = []
  /// 0-based index of the line that closes the list.
  var closingIndex: Int
  /// Lines inside the list that are neither an entry, a comment nor blank.
  var strayLines: [Int] = []

  /// Nil when the text has no `static let registered: [Problem] = [` closed by a `]` line.
  init?(_ text: String) {
    lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard
      let opening = lines.firstIndex(where: {
        $0.contains("static let registered: [Problem] = [")
      }),
      let closing = lines[(opening + 1)...].firstIndex(where: {
        $0.trimmingCharacters(in: .whitespaces) == "]"
      })
    else { return nil }
    closingIndex = closing
    let entry = #/\.([A-Za-z_][A-Za-z0-9_]*)\s*,?\s*(?://.*)?/#
    for index in (opening + 1)..<closing {
      let line = lines[index].trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("//") { continue }
      if let match = try? entry.wholeMatch(in: line) {
        entries.append(Entry(constant: String(match.1), line: index + 1))
      } else {
        strayLines.append(index + 1)
      }
    }
  }
}

/// The ids `pinned-ids.txt` pins for problems: `problem <id>` lines, `retired` or not.
enum PinnedIDs {
  static func problems(in text: String) -> Set<String> {
    var ids: Set<String> = []
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: " ")
      if parts.count >= 2 && parts[0] == "problem" { ids.insert(String(parts[1])) }
    }
    return ids
  }
}
