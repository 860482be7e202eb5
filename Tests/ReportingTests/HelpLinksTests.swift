import Foundation
import Testing

@testable import Reporting

/// A prefix as `make install` leaves it: `bin/lookup` and `share/applinkskb/site/`, and a link
/// to the executable from another folder. The caller removes it.
private func installedPrefix() throws -> URL {
  let base = FileManager.default.temporaryDirectory
    .appendingPathComponent("help-links-\(UUID().uuidString)")
  let files = FileManager.default
  try files.createDirectory(
    at: base.appendingPathComponent("usr/bin"), withIntermediateDirectories: true)
  try files.createDirectory(
    at: base.appendingPathComponent("usr/share/applinkskb/site"),
    withIntermediateDirectories: true)
  try Data().write(to: base.appendingPathComponent("usr/bin/lookup"))
  try files.createDirectory(
    at: base.appendingPathComponent("elsewhere/bin"), withIntermediateDirectories: true)
  try files.createSymbolicLink(
    at: base.appendingPathComponent("elsewhere/bin/lookup"),
    withDestinationURL: base.appendingPathComponent("usr/bin/lookup"))
  return base
}

/// Folders as they are, but for a current folder with no `Site/` (outside a checkout).
private func outsideACheckout(_ path: String) -> Bool {
  path != "Site" && HelpLinks.isFolder(path)
}

@Test func theSiteOfACheckoutComesFirst() throws {
  let base = try installedPrefix()
  defer { try? FileManager.default.removeItem(at: base) }
  let executable = base.appendingPathComponent("usr/bin/lookup")
  #expect(HelpLinks.defaultSite(executable: executable, isFolder: { _ in true }) == "Site")
}

@Test func outsideACheckoutTheInstalledSiteIsTheDefault() throws {
  let base = try installedPrefix()
  defer { try? FileManager.default.removeItem(at: base) }
  let site = base.appendingPathComponent("usr/share/applinkskb/site").resolvingSymlinksInPath()
  for path in ["usr/bin/lookup", "elsewhere/bin/lookup"] {
    let executable = base.appendingPathComponent(path)
    let found = HelpLinks.defaultSite(executable: executable, isFolder: outsideACheckout)
    #expect(URL(fileURLWithPath: found).resolvingSymlinksInPath() == site, "\(path)")
    #expect(found.hasSuffix("/usr/share/applinkskb/site"), "\(path)")
  }
}

@Test func withNoInstalledSiteTheDefaultStaysSite() throws {
  let base = try installedPrefix()
  defer { try? FileManager.default.removeItem(at: base) }
  try FileManager.default.removeItem(at: base.appendingPathComponent("usr/share"))
  let executable = base.appendingPathComponent("usr/bin/lookup")
  #expect(HelpLinks.defaultSite(executable: executable, isFolder: outsideACheckout) == "Site")
  #expect(HelpLinks.defaultSite(executable: nil, isFolder: outsideACheckout) == "Site")
}
