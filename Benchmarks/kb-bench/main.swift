import ArgumentParser
import Catalogue
import Foundation
import SiteBuilder
import SyntheticCatalogue

/// Renders a synthetic catalogue of N problems cloned from the real one, for `make bench`
/// (Benchmarks/run.sh): the build's speed on a catalogue far larger than the real one.
struct KBBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kb-bench",
    abstract: "Render a synthetic catalogue of N problems into DIR/Content and DIR/Site.")

  @Option(help: "How many problems the synthetic catalogue holds.")
  var problems = 10_000

  @Option(help: "Folder that receives Content/ and Site/.")
  var out: String

  @Option(help: "Mustache templates and assets.")
  var templates = "Templates"

  func validate() throws {
    guard problems > 0 else {
      throw ValidationError("--problems must be at least 1")
    }
  }

  func run() throws {
    let catalogue = SyntheticCatalogue.make(from: .applinks, problems: problems)
    let base = URL(fileURLWithPath: out)
    let folders = BuildFolders(
      templates: URL(fileURLWithPath: templates),
      content: base.appendingPathComponent("Content"),
      site: base.appendingPathComponent("Site"))
    do {
      try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
      print(try SiteBuild.build(catalogue, folders: folders).line)
    } catch {
      FileHandle.standardError.write(Data("kb-bench: \(error)\n".utf8))
      throw ExitCode.failure
    }
  }
}

KBBench.main()
