import Catalogue
import Foundation
import KnowledgeBase
import SiteBuilder
import Testing

@Test func buildWritesBothFoldersAndReplacesThemWhole() throws {
  let base = try temporaryFolder()
  defer { try? FileManager.default.removeItem(at: base) }
  let target = folders(in: base)
  try FileManager.default.createDirectory(at: target.site, withIntermediateDirectories: true)
  try Data("stale".utf8).write(to: target.site.appendingPathComponent("stale.html"))
  let summary = try SiteBuild.build(.applinks, folders: target)
  #expect(summary.files == renderedCatalogue.fileCount)
  #expect(summary.line.hasPrefix("built \(summary.pages) pages, \(summary.files) files, "))
  #expect(try OutputWriter.read(target.site) == renderedCatalogue.site)
  #expect(try OutputWriter.read(target.content) == renderedCatalogue.content)
  #expect(try SiteBuild.check(.applinks, folders: target) == [])
  // Nothing is left beside the output.
  let leftovers = try FileManager.default.contentsOfDirectory(atPath: base.path).sorted()
  #expect(leftovers == ["Content", "Site"])
}

@Test func checkNamesEveryFileThatDiffers() throws {
  let base = try temporaryFolder()
  defer { try? FileManager.default.removeItem(at: base) }
  let target = folders(in: base)
  try SiteBuild.build(.applinks, folders: target)
  try Data("edited".utf8).write(to: target.content.appendingPathComponent("oauth.md"))
  try FileManager.default.removeItem(at: target.site.appendingPathComponent("rules.json"))
  try Data("x".utf8).write(to: target.site.appendingPathComponent("extra.txt"))
  let findings = try SiteBuild.check(.applinks, folders: target)
  #expect(
    findings == [
      "Content/oauth.md: out of date; run 'make site'",
      "Site/extra.txt: not produced by the catalogue; run 'make site'",
      "Site/rules.json: missing; run 'make site'",
    ])
}

/// A failed build leaves the previous output exactly as it was.
func expectBuildFailureLeavesOutput(
  catalogue: Catalogue = .applinks, templates: URL? = nil, in base: URL,
  _ check: (Error) -> Void
) throws {
  let good = folders(in: base)
  try SiteBuild.build(.applinks, folders: good)
  let before = (try OutputWriter.read(good.site), try OutputWriter.read(good.content))
  var broken = good
  if let templates { broken.templates = templates }
  do {
    _ = try SiteBuild.build(catalogue, folders: broken)
    Issue.record("the build should have failed")
  } catch {
    check(error)
  }
  #expect(try OutputWriter.read(good.site) == before.0)
  #expect(try OutputWriter.read(good.content) == before.1)
  let hidden = try FileManager.default.contentsOfDirectory(atPath: base.path).filter {
    $0.hasPrefix(".")
  }
  #expect(hidden.isEmpty, "temporary folders left behind: \(hidden)")
}

@Test func templateSyntaxErrorNamesFileAndLine() throws {
  let base = try temporaryFolder()
  defer { try? FileManager.default.removeItem(at: base) }
  let templates = try copyOfTemplates(in: base)
  let file = templates.appendingPathComponent("html/oauth.mustache")
  var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
  lines.insert("{{#flavours}} unclosed", at: 3)
  try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
  try expectBuildFailureLeavesOutput(templates: templates, in: base) { error in
    let build = error as? BuildError
    #expect(build?.file.hasSuffix("Templates/html/oauth.mustache") == true, "\(error)")
    #expect(build?.message.contains("syntax error") == true, "\(error)")
  }
}

@Test func templateNamingAMissingFieldNamesFileAndLine() throws {
  let base = try temporaryFolder()
  defer { try? FileManager.default.removeItem(at: base) }
  let templates = try copyOfTemplates(in: base)
  let file = templates.appendingPathComponent("md/problem.mustache")
  let original = try String(contentsOf: file, encoding: .utf8)
  try original.replacingOccurrences(of: "{{{summary.md}}}", with: "{{{summary.mdd}}}")
    .write(to: file, atomically: true, encoding: .utf8)
  let line =
    original.components(separatedBy: "\n").firstIndex { $0.contains("{{{summary.md}}}") }! + 1
  try expectBuildFailureLeavesOutput(templates: templates, in: base) { error in
    #expect(
      "\(error)".hasSuffix(
        "Templates/md/problem.mustache:\(line): unknown field 'summary.mdd': no view model has a field 'mdd'"
      ), "\(error)")
  }
}

@Test func missingPartialIsNamed() throws {
  let base = try temporaryFolder()
  defer { try? FileManager.default.removeItem(at: base) }
  let templates = try copyOfTemplates(in: base)
  try FileManager.default.removeItem(at: templates.appendingPathComponent("html/_foot.mustache"))
  try expectBuildFailureLeavesOutput(templates: templates, in: base) { error in
    #expect("\(error)".contains("partial 'html/_foot' does not exist"), "\(error)")
  }
}

@Test func invalidCatalogueNamesEntryAndFieldAndWritesNothing() throws {
  let base = try temporaryFolder()
  defer { try? FileManager.default.removeItem(at: base) }
  var catalogue = Catalogue.applinks
  catalogue.problems[0].title = ""
  try expectBuildFailureLeavesOutput(catalogue: catalogue, in: base) { error in
    #expect("\(error)".contains("problem consumer_key_unknown: title: is empty"), "\(error)")
  }
}

@Test func unwritableOutputFolderIsNamed() throws {
  let base = try temporaryFolder()
  defer { try? FileManager.default.removeItem(at: base) }
  let target = BuildFolders(
    templates: templatesFolder, content: base.appendingPathComponent("Content"),
    site: base.appendingPathComponent("missing/parent/Site"))
  #expect {
    try SiteBuild.build(.applinks, folders: target)
  } throws: { error in
    "\(error)".contains("missing/parent") && "\(error)".contains("does not exist")
  }
  #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("Content").path))
}

@Test func missingTemplatesFolderIsNamed() throws {
  let base = try temporaryFolder()
  defer { try? FileManager.default.removeItem(at: base) }
  let target = folders(in: base, templates: base.appendingPathComponent("NoTemplates"))
  #expect {
    try SiteBuild.build(.applinks, folders: target)
  } throws: { error in
    "\(error)".contains("NoTemplates") && "\(error)".contains("not found")
  }
}

@Test func aCatalogueWhosePatternLookupWouldRefuseDoesNotBuild() throws {
  var catalogue = Catalogue.applinks
  let index = try #require(catalogue.problems.firstIndex { $0.id == "unknown_host" })
  catalogue.problems[index].messages[0].pattern += "\\d"
  let base = try temporaryFolder()
  defer { try? FileManager.default.removeItem(at: base) }
  do {
    _ = try SiteBuild.check(catalogue, folders: folders(in: base))
    Issue.record("kb check accepted a pattern outside the portable subset")
  } catch let error as ValidationError {
    #expect(
      error.issues.map(\.description) == [
        "problem unknown_host: messages[0].pattern: \\d matches other digits in ICU and Python; use [0-9]"
      ])
  }
  #expect(throws: ValidationError.self) {
    try SiteBuild.build(catalogue, folders: folders(in: base))
  }
  #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("Site").path))
}
