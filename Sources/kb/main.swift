import ArgumentParser
import Catalogue
import Foundation
import KnowledgeBase
import SiteBuilder

/// Builds and checks the AppLinksKB help site from the catalogue.
struct KB: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kb",
    abstract: "Build and check the AppLinksKB help site from the catalogue.",
    subcommands: [Build.self, Check.self])
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
      print(summary.line)
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Validate the catalogue and check that Content/ and Site/ match a fresh render.")

    @OptionGroup var options: FolderOptions

    func run() throws {
      let catalogue = Catalogue.applinks
      let findings = try report { try SiteBuild.check(catalogue, folders: options.folders) }
      for finding in findings { printError(finding) }
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
