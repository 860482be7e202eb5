import Catalogue
import CatalogueSources
import Foundation
import KnowledgeBase
import Testing

/// The package this test file belongs to.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

private func packageSources() throws -> ProblemSources {
  try #require(try ProblemSources.read(root: packageRoot))
}

@Test func everyProblemFileIsRegisteredOnceAndPinned() throws {
  let findings = ProblemRegistryCheck.findings(
    in: try packageSources(), catalogueIDs: Catalogue.applinks.problems.map(\.id))
  #expect(findings.isEmpty, "\(findings.joined(separator: "\n"))")
}

/// The check above compares the registry's order with the catalogue's; here, every file counts.
@Test func everyProblemOfTheCatalogueHasItsFile() throws {
  let sources = try packageSources()
  #expect(sources.problemFiles.count == Catalogue.applinks.problems.count)
  for problem in Catalogue.applinks.problems {
    #expect(sources.problemFiles["\(problem.id).swift"] != nil, "\(problem.id)")
  }
}

/// A package of two problems, in memory, that each test breaks in one way.
private func sampleSources() -> ProblemSources {
  ProblemSources(
    problemFiles: [
      "alpha_fails.swift": """
      import KnowledgeBase

      extension Problem {
        static let alphaFails = Problem(
          id: "alpha_fails",
          title: "Alpha fails")
      }
      """,
      "beta_fails.swift": """
      extension Problem {
        static let betaFails = Problem(id: "beta_fails", title: "Beta fails")
      }
      """,
    ],
    registry: """
      import KnowledgeBase

      extension Problem {
        /// In priority order.
        static let registered: [Problem] = [
          .alphaFails,
          // A comment may stand on its own line.
          .betaFails,
        ]
      }
      """,
    pinned: "# Pinned ids.\nproblem alpha_fails\nproduct jira\nproblem beta_fails\n")
}

@Test func theSampleIsClean() {
  #expect(
    ProblemRegistryCheck.findings(
      in: sampleSources(), catalogueIDs: ["alpha_fails", "beta_fails"]) == [])
}

@Test func anUnregisteredProblemFileIsNamed() {
  var sources = sampleSources()
  sources.problemFiles["gamma_fails.swift"] = """
    extension Problem {
      static let gammaFails = Problem(id: "gamma_fails", title: "Gamma")
    }
    """
  sources.pinned! += "problem gamma_fails\n"
  #expect(
    ProblemRegistryCheck.findings(in: sources) == [
      "Sources/Catalogue/Problems/gamma_fails.swift: problem gamma_fails is not registered; add "
        + "'.gammaFails,' to Problem.registered in Sources/Catalogue/Problems/Registry.swift, at "
        + "its place in the priority order (the end unless it must win ties); kb new-problem "
        + "does this for a new problem"
    ])
}

@Test func aProblemRegisteredTwiceIsNamedWithItsLines() {
  var sources = sampleSources()
  sources.registry = sources.registry!.replacingOccurrences(
    of: "    .betaFails,\n", with: "    .betaFails,\n    .alphaFails,\n")
  #expect(
    ProblemRegistryCheck.findings(in: sources) == [
      "Sources/Catalogue/Problems/alpha_fails.swift: problem alpha_fails is registered 2 times, "
        + "on lines 6, 9 of Sources/Catalogue/Problems/Registry.swift; keep one '.alphaFails,'"
    ])
}

@Test func aProblemNotPinnedIsNamed() {
  var sources = sampleSources()
  sources.pinned = "problem alpha_fails\n"
  #expect(
    ProblemRegistryCheck.findings(in: sources) == [
      "Sources/Catalogue/Problems/beta_fails.swift: problem beta_fails is not pinned; add the "
        + "line 'problem beta_fails' to Tests/CatalogueTests/pinned-ids.txt (ids are public: a "
        + "pinned line is never removed)"
    ])
}

@Test func filesThatBreakTheConventionAreNamed() {
  var sources = sampleSources()
  sources.problemFiles["Helpers.swift"] = "extension String {}\n"
  sources.problemFiles["Gamma.swift"] = """
    extension Problem {
      static let gammaFails = Problem(id: "gamma_fails", title: "Gamma")
    }
    """
  sources.registry = sources.registry!.replacingOccurrences(
    of: "    .betaFails,\n", with: "    .betaFails,\n    .gammaFails,\n    .deltaFails,\n    + x\n")
  sources.pinned! += "problem gamma_fails\n"
  let findings = ProblemRegistryCheck.findings(in: sources)
  #expect(
    findings == [
      "Sources/Catalogue/Problems/Registry.swift:11: not an entry; write one '.name,' per line "
        + "(comments may stand on their own lines)",
      "Sources/Catalogue/Problems/Gamma.swift: declares problem gamma_fails; rename the file "
        + "gamma_fails.swift (one file per problem, named after its id)",
      "Sources/Catalogue/Problems/Helpers.swift: declares no problem; Sources/Catalogue/Problems "
        + "holds one file per problem ('static let name = Problem(id: \"<id>\", ...)' in <id>.swift)"
        + " and Registry.swift; move anything else out",
      "Sources/Catalogue/Problems/Registry.swift:10: .deltaFails is declared by no file of "
        + "Sources/Catalogue/Problems; declare it in its own <id>.swift there, or remove the entry",
    ])
}

@Test func aCatalogueThatDoesNotTakeTheRegistryIsNamed() {
  let findings = ProblemRegistryCheck.findings(
    in: sampleSources(), catalogueIDs: ["alpha_fails", "beta_fails", "gamma_fails"])
  #expect(findings.count == 1)
  #expect(
    findings.first?.hasPrefix(
      "Sources/Catalogue/Problems/Registry.swift: the catalogue's problems are not "
        + "Problem.registered: at position 3 the registry has (the end), the catalogue gamma_fails"
    ) == true)
}

@Test func aMissingRegistryIsNamed() {
  var sources = sampleSources()
  sources.registry = nil
  #expect(
    ProblemRegistryCheck.findings(in: sources).first?.hasPrefix(
      "Sources/Catalogue/Problems/Registry.swift: missing") == true)
}

// MARK: - kb new-problem

@Test func newProblemIsWrittenRegisteredAtTheEndAndPinned() throws {
  let sources = sampleSources()
  let new = NewProblem(id: "oauth2_gamma_fails", category: .networkAndTLS)
  #expect(new.constantName == "oauth2GammaFails")
  let edited = try new.edited(sources)
  #expect(edited.problemFiles["oauth2_gamma_fails.swift"] == new.template)
  #expect(
    edited.registry
      == sources.registry!.replacingOccurrences(
        of: "    .betaFails,\n", with: "    .betaFails,\n    .oauth2GammaFails,\n"))
  #expect(edited.pinned == sources.pinned! + "problem oauth2_gamma_fails\n")
  // What kb check reads from the result: registered once, pinned, named after its id.
  #expect(ProblemRegistryCheck.findings(in: edited) == [])
}

@Test func newProblemAfterAnotherIsRegisteredRightAfterIt() throws {
  var sources = sampleSources()
  sources.pinned = "problem alpha_fails\nproblem beta_fails"
  let edited = try NewProblem(id: "gamma-fails", category: .oauth2, after: "alpha_fails")
    .edited(sources)
  #expect(
    edited.registry
      == sources.registry!.replacingOccurrences(
        of: "    .alphaFails,\n", with: "    .alphaFails,\n    .gammaFails,\n"))
  #expect(edited.pinned == "problem alpha_fails\nproblem beta_fails\nproblem gamma-fails\n")
  #expect(ProblemRegistryCheck.findings(in: edited) == [])
}

@Test(arguments: [
  ("alpha_fails", "exists already"),
  ("retired_one", "is pinned in Tests/CatalogueTests/pinned-ids.txt already"),
  ("Alpha", "is not a problem id"),
  ("2lo_fails", "is not a problem id"),
  ("has space", "is not a problem id"),
  ("", "is not a problem id"),
  ("default", "a Swift keyword"),
  ("alpha-fails", "declares Problem.alphaFails (id alpha_fails) already"),
])
func newProblemRefusesATakenOrMalformedID(id: String, reason: String) {
  var sources = sampleSources()
  sources.pinned! += "problem retired_one retired\n"
  #expect {
    try NewProblem(id: id, category: .oauth2).edited(sources)
  } throws: { error in
    "\(error)".contains(reason)
  }
}

@Test func newProblemRefusesAnUnknownAfter() {
  #expect {
    try NewProblem(id: "gamma_fails", category: .oauth2, after: "nope").edited(sampleSources())
  } throws: { error in
    "\(error)"
      == "--after nope: no problem registered in Sources/Catalogue/Problems/Registry.swift "
      + "has that id"
  }
}

@Test func newProblemRefusesAnUnknownCategoryListingThemAll() throws {
  #expect(try NewProblem.category(named: "network-and-tls") == .networkAndTLS)
  #expect {
    try NewProblem.category(named: "tls")
  } throws: { error in
    let text = "\(error)"
    return text.hasPrefix("unknown category 'tls'; choose one of:")
      && KnowledgeBase.Category.allCases.allSatisfy { text.contains("  \($0.rawValue)  (") }
  }
}

/// The template names every parameter of `Problem`'s initialiser, in its order, so that a new
/// problem shows each field to fill; its texts are placeholders that validation refuses.
@Test func theTemplateHoldsEveryFieldOfProblem() throws {
  let new = NewProblem(id: "gamma_fails", category: .linkConfiguration)
  let template = new.template
  let parameters = [
    "id", "title", "summary", "meaning", "oauthProblem", "linkStatusType",
    "otherLinkStatusTypes", "logMessage", "category", "causes", "messages", "seeAlso",
    "examples", "products", "retired",
  ]
  // Every stored property of Problem is a parameter of its initialiser.
  let sample = try #require(Catalogue.applinks.problems.first)
  let properties = Mirror(reflecting: sample).children.compactMap(\.label)
  #expect(properties == parameters)
  var position = template.startIndex
  for parameter in parameters {
    let found = template.range(of: "\n    \(parameter): ", range: position..<template.endIndex)
    #expect(found != nil, "the template lacks \(parameter), or not in the initialiser's order")
    position = found?.upperBound ?? position
  }
  #expect(template.contains("\n  static let gammaFails = Problem(\n"))
  #expect(template.contains("\n    id: \"gamma_fails\",\n"))
  #expect(template.contains("    category: .linkConfiguration,\n"))
  #expect(template.hasPrefix("import KnowledgeBase\n"))
  #expect(template.hasSuffix("  )\n}\n"))
  // The filled texts are placeholders, so the catalogue is refused until they are written.
  // Title, summary, meaning, log message, cause, action, literal, pattern and three examples.
  let placeholders = template.split(separator: "\n").filter {
    Placeholder.isLeft(in: String($0)) && !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//")
  }
  #expect(placeholders.count == 11)
  let examples = template.components(separatedBy: "    examples: [\n")[1]
    .components(separatedBy: "    ],")[0].split(separator: "\n")
  #expect(examples.count == Problem.minimumExamples)
}

/// The template parsed back as kb check reads problem files.
@Test func theTemplateIsAProblemFileTheCheckAccepts() throws {
  var sources = sampleSources()
  sources.problemFiles["gamma_fails.swift"] =
    NewProblem(id: "gamma_fails", category: .oauth2)
    .template
  sources.registry = sources.registry!.replacingOccurrences(
    of: "    .betaFails,\n", with: "    .betaFails,\n    .gammaFails,\n")
  sources.pinned! += "problem gamma_fails\n"
  #expect(ProblemRegistryCheck.findings(in: sources) == [])
}

@Test func newProblemWritesTheThreeFilesOfAPackage() throws {
  let root = FileManager.default.temporaryDirectory
    .appendingPathComponent("new-problem-\(UUID().uuidString)")
  defer { try? FileManager.default.removeItem(at: root) }
  let folder = root.appendingPathComponent(ProblemSources.problemsFolder)
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  try FileManager.default.createDirectory(
    at: root.appendingPathComponent("Tests/CatalogueTests"), withIntermediateDirectories: true)
  let sources = sampleSources()
  for (name, text) in sources.problemFiles {
    try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
  }
  try sources.registry!.write(
    to: root.appendingPathComponent(ProblemSources.registryPath), atomically: true,
    encoding: .utf8)
  try sources.pinned!.write(
    to: root.appendingPathComponent(ProblemSources.pinnedPath), atomically: true, encoding: .utf8)
  let new = NewProblem(id: "gamma_fails", category: .oauth2)
  let written = try new.write(root: root)
  #expect(
    written == [
      "Sources/Catalogue/Problems/gamma_fails.swift", ProblemSources.registryPath,
      ProblemSources.pinnedPath,
    ])
  let read = try #require(try ProblemSources.read(root: root))
  #expect(read == (try new.edited(sources)))
  #expect(ProblemRegistryCheck.findings(in: read) == [])
  // A second run refuses: the file exists, and nothing changes.
  #expect(throws: NewProblemError.self) { try new.write(root: root) }
  #expect(try ProblemSources.read(root: root) == read)
  // Outside a checkout there is nothing to check or edit.
  #expect(try ProblemSources.read(root: folder) == nil)
}
