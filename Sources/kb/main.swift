import ArgumentParser
import Catalogue
import CatalogueSources
import Foundation
import KnowledgeBase
import SiteBuilder

/// Builds and checks the AppLinksKB help site from the catalogue.
struct KB: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kb",
    abstract: "Build and check the AppLinksKB help site from the catalogue.",
    subcommands: [Build.self, Check.self, NewProblemCommand.self])
}

/// Folder options shared by `build` and `check`.
struct FolderOptions: ParsableArguments {
  @Option(help: "Mustache templates and assets.")
  var templates = "Templates"

  @Option(help: "Where the Markdown pages go.")
  var content = "Content"

  @Option(help: "Where the HTML site goes.")
  var site = "Site"

  @Option(
    help:
      "The corpus of real log lines (JSON Lines) that joins the examples in Site/rules-tests.json.")
  var corpus = "Tests/Corpus/real-lines.jsonl"

  @Option(
    help:
      "Where the pages of docs/ made from the sources go (refusal-codes.md); skipped when missing.")
  var docs = "docs"

  var folders: BuildFolders {
    BuildFolders(
      templates: URL(fileURLWithPath: templates), content: URL(fileURLWithPath: content),
      site: URL(fileURLWithPath: site), corpus: URL(fileURLWithPath: corpus))
  }
}

extension KB {
  struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Render Content/ and Site/ from the catalogue, replacing them only when complete.")

    @OptionGroup var options: FolderOptions

    func run() throws {
      let summary = try report { try SiteBuild.build(.applinks, folders: options.folders) }
      _ = try report { try GeneratedDocs.write(to: URL(fileURLWithPath: options.docs)) }
      print(summary.line)
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Validate the catalogue and check that Content/ and Site/ match a fresh render.")

    @OptionGroup var options: FolderOptions

    @Option(
      help: ArgumentHelp(
        "The checkout whose problem files must each be registered and pinned.",
        discussion: "Skipped when it has no Sources/Catalogue/Problems (an installed kb)."))
    var packageRoot = "."

    func run() throws {
      let catalogue = Catalogue.applinks
      // The registry first, so that a problem file left out is named before anything else.
      let sources = try report { try ProblemSources.read(root: URL(fileURLWithPath: packageRoot)) }
      let registryFindings =
        sources.map {
          ProblemRegistryCheck.findings(in: $0, catalogueIDs: catalogue.problems.map(\.id))
        } ?? []
      for finding in registryFindings { printError(finding) }
      let siteFindings = try report { try SiteBuild.check(catalogue, folders: options.folders) }
      for finding in siteFindings { printError(finding) }
      let docsFindings = GeneratedDocs.differences(in: URL(fileURLWithPath: options.docs))
      for finding in docsFindings { printError(finding) }
      let findings = registryFindings + siteFindings + docsFindings
      if !findings.isEmpty {
        printError("kb check: \(findings.count) problem(s)")
        throw ExitCode.failure
      }
      let articles = catalogue.articles.map(\.id).joined(separator: ", ")
      print(
        "catalogue \(catalogue.version): \(catalogue.problems.count) problems, "
          + "\(catalogue.products.count) products, \(catalogue.flavours.count) flavours, "
          + "\(catalogue.articles.count) articles (\(articles)); Content/ and Site/ are up to date")
    }
  }
}

extension KB {
  struct NewProblemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "new-problem",
      abstract: "Write a new problem's file from a template, register it and pin its id.",
      discussion: """
        Writes Sources/Catalogue/Problems/<id>.swift with a <#...#> placeholder in every field \
        to fill (kb check refuses the catalogue until none is left), adds it to \
        Problem.registered in Registry.swift and appends 'problem <id>' to \
        Tests/CatalogueTests/pinned-ids.txt. See CONTRIBUTING.md.
        """)

    @Argument(
      help: "The new problem's id: lower-case letters, digits, '_' or '-', starting with a letter.")
    var id: String

    @Option(
      help: ArgumentHelp(
        "The group it is listed under.",
        discussion: "One of "
          + KnowledgeBase.Category.allCases.map(\.rawValue).joined(separator: ", ") + "."))
    var category: String

    @Option(
      help: ArgumentHelp(
        "Register it right after this problem (ties go to the earlier); else at the end.",
        valueName: "id"))
    var after: String?

    @Option(help: "The root of the AppLinksKB checkout.")
    var packageRoot = "."

    func run() throws {
      let written = try report {
        try NewProblem(id: id, category: NewProblem.category(named: category), after: after)
          .write(root: URL(fileURLWithPath: packageRoot))
      }
      for path in written { print("wrote \(path)") }
      print("next: replace every <#...#> in \(written[0]), then make site and make test")
    }
  }
}

func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Prints a failure naming its file (and line) and exits non-zero.
func report<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch {
    // ValidationError and BuildError describe themselves with the entry, file and line.
    printError("kb: \(error)")
    throw ExitCode.failure
  }
}

KB.main()
