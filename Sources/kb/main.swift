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
    subcommands: [Build.self, Check.self, BenchBuild.self])
}

/// Folder options shared by `build` and `check`.
struct FolderOptions: ParsableArguments {
  @Option(help: "Mustache templates and assets.")
  var templates = "Templates"

  @Option(help: "Where the Markdown pages go.")
  var content = "Content"

  @Option(help: "Where the HTML site goes.")
  var site = "Site"

  var folders: BuildFolders {
    BuildFolders(
      templates: URL(fileURLWithPath: templates), content: URL(fileURLWithPath: content),
      site: URL(fileURLWithPath: site))
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

  /// Hidden: renders a synthetic catalogue of N problems cloned from the real one, for
  /// `make bench` (Benchmarks/run.sh).
  struct BenchBuild: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "bench-build",
      abstract: "Render a synthetic catalogue of N problems into DIR/Content and DIR/Site.",
      shouldDisplay: false)

    @Option(help: "How many problems the synthetic catalogue holds.")
    var problems = 10_000

    @Option(help: "Folder that receives Content/ and Site/.")
    var out: String

    @Option(help: "Mustache templates and assets.")
    var templates = "Templates"

    func validate() throws {
      guard problems > 0 else {
        throw ArgumentParser.ValidationError("--problems must be at least 1")
      }
    }

    func run() throws {
      let catalogue = SyntheticCatalogue.make(from: .applinks, problems: problems)
      let base = URL(fileURLWithPath: out)
      let folders = BuildFolders(
        templates: URL(fileURLWithPath: templates),
        content: base.appendingPathComponent("Content"),
        site: base.appendingPathComponent("Site"))
      let summary = try report {
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        return try SiteBuild.build(catalogue, folders: folders)
      }
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
