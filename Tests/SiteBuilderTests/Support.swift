import Catalogue
import Foundation
import KnowledgeBase
import SiteBuilder

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()
let templatesFolder = repositoryRoot.appendingPathComponent("Templates")

/// A fresh folder under the system's temporary folder, removed by the caller.
func temporaryFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("kb-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// A copy of the real templates that a test may break.
func copyOfTemplates(in folder: URL) throws -> URL {
  let copy = folder.appendingPathComponent("Templates")
  try FileManager.default.copyItem(at: templatesFolder, to: copy)
  return copy
}

func folders(in base: URL, templates: URL = templatesFolder) -> BuildFolders {
  BuildFolders(
    templates: templates, content: base.appendingPathComponent("Content"),
    site: base.appendingPathComponent("Site"))
}

func text(_ data: Data?) -> String { data.map { String(decoding: $0, as: UTF8.self) } ?? "" }

/// The whole catalogue, rendered once with the real templates.
let renderedCatalogue: RenderedOutput = {
  do { return try SiteRenderer(templatesFolder: templatesFolder).render(.applinks) } catch {
    fatalError("the real catalogue does not render: \(error)")
  }
}()
