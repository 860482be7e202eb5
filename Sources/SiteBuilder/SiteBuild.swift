import Foundation
import KnowledgeBase
import LogRules
import RuleVectors

/// The folders a build reads and writes.
public struct BuildFolders: Sendable {
  /// The folder of the Mustache templates (`Templates/`).
  public var templates: URL
  /// The folder of the Markdown pages (`Content/`).
  public var content: URL
  /// The folder of the HTML site (`Site/`).
  public var site: URL
  /// The corpus of real lines (JSON Lines) for the test vectors; nil for none.
  public var corpus: URL?

  /// Folders for a build; without a corpus, the test vectors hold the catalogue's examples
  /// and the written texts only.
  public init(templates: URL, content: URL, site: URL, corpus: URL? = nil) {
    self.templates = templates
    self.content = content
    self.site = site
    self.corpus = corpus
  }

  /// The corpus's lines; a missing or malformed file is named.
  func corpusLines() throws -> [CorpusLine] {
    guard let corpus else { return [] }
    let data: Data
    do { data = try Data(contentsOf: corpus) } catch {
      throw BuildError(file: corpus.path, message: "cannot read the corpus of real lines")
    }
    do { return try CorpusLine.read(jsonLines: data, file: corpus.path) } catch let error
      as CorpusError
    {
      throw BuildError(
        file: error.file, line: error.line, message: "not a corpus entry: \(error.reason)")
    }
  }
}

/// What `kb build` did.
public struct BuildSummary: Sendable {
  /// How many pages were written, HTML and Markdown.
  public var pages: Int
  /// How many files were written.
  public var files: Int
  /// How many bytes were written.
  public var bytes: Int
  /// How long the build took, in whole milliseconds.
  public var milliseconds: Int

  /// The summary in one line, as `kb build` prints it.
  public var line: String {
    "built \(pages) pages, \(files) files, \(bytes) bytes in \(milliseconds) ms"
  }
}

/// `kb build` and `kb check`.
public enum SiteBuild {
  /// Renders everything in memory, checks it, then replaces `Content/` and `Site/`. Nothing is
  /// written unless the whole render succeeded.
  @discardableResult
  public static func build(_ catalogue: Catalogue, folders: BuildFolders) throws -> BuildSummary {
    let started = ContinuousClock.now
    let output = try SiteRenderer(templatesFolder: folders.templates).render(
      catalogue, corpus: folders.corpusLines())
    let problems = SiteCheck.problems(in: output.site)
    if let first = problems.first {
      throw BuildError(
        file: folders.site.lastPathComponent + "/" + first.page,
        message: first.message
          + (problems.count > 1 ? " (and \(problems.count - 1) more site problems)" : ""))
    }
    try OutputWriter.replace([(folders.site, output.site), (folders.content, output.content)])
    let elapsed = ContinuousClock.now - started
    return BuildSummary(
      pages: output.pageCount + output.content.count, files: output.fileCount,
      bytes: output.byteCount,
      milliseconds: Int(
        elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
  }

  /// Every way the committed output differs from a fresh render, and every problem of the
  /// rendered site. Empty when all is well.
  public static func check(_ catalogue: Catalogue, folders: BuildFolders) throws -> [String] {
    let output = try SiteRenderer(templatesFolder: folders.templates).render(
      catalogue, corpus: folders.corpusLines())
    var findings = SiteCheck.problems(in: output.site).map {
      "\(folders.site.lastPathComponent)/\($0)"
    }
    findings += try differences(expected: output.content, folder: folders.content)
    findings += try differences(expected: output.site, folder: folders.site)
    return findings
  }

  static func differences(expected: [String: Data], folder: URL) throws -> [String] {
    let actual = try OutputWriter.read(folder)
    let name = folder.lastPathComponent
    var findings: [String] = []
    for path in Set(expected.keys).union(actual.keys).sorted() {
      switch (expected[path], actual[path]) {
      case (.some, nil): findings.append("\(name)/\(path): missing; run 'make site'")
      case (nil, .some):
        findings.append("\(name)/\(path): not produced by the catalogue; run 'make site'")
      case (let new?, let old?) where new != old:
        findings.append("\(name)/\(path): out of date; run 'make site'")
      default: continue
      }
    }
    return findings
  }
}
