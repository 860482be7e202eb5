import Foundation
import LogRules
import SiteBuilder
import Testing

@Test func generatedDocsAreWrittenOnceAndCheckedAfter() throws {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("generated-docs-\(UUID().uuidString)")
  defer { try? FileManager.default.removeItem(at: folder) }
  // Away from a checkout (no docs/), nothing is written and nothing is missing.
  #expect(try GeneratedDocs.write(to: folder) == [])
  #expect(GeneratedDocs.differences(in: folder).isEmpty)

  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  let name = folder.lastPathComponent
  #expect(
    GeneratedDocs.differences(in: folder) == ["\(name)/refusal-codes.md: missing; run 'make site'"])
  #expect(try GeneratedDocs.write(to: folder) == ["refusal-codes.md"])
  let page = folder.appendingPathComponent("refusal-codes.md")
  #expect(try String(contentsOf: page, encoding: .utf8) == RefusalCode.markdownDocument)
  #expect(GeneratedDocs.differences(in: folder).isEmpty)
  #expect(try GeneratedDocs.write(to: folder) == [], "an unchanged page is left alone")

  try Data("# Old\n".utf8).write(to: page)
  #expect(
    GeneratedDocs.differences(in: folder) == [
      "\(name)/refusal-codes.md: out of date; run 'make site'"
    ])
}

@Test func refusalCodesPageListsEveryCodeWithItsAnchor() {
  let page = RefusalCode.markdownDocument
  for code in RefusalCode.allCases {
    #expect(page.contains("| [\(code.rawValue)](#\(code.rawValue.lowercased())) | \(code.title) |"))
    #expect(page.contains("\n## \(code.rawValue)\n"))
  }
  #expect(!page.contains("\n\n\n") && page.hasSuffix(".\n"))
}
