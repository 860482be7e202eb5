import Foundation
import SiteBuilder
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A build killed while writing leaves `.Site.new-PID` (or, killed right after the swap, the old
/// output under that name) behind. The next build removes those of processes that are gone,
/// and leaves alone those of a build still running and those of other folders.
@Test func leftoversOfKilledBuildsAreRemovedByTheNextBuild() throws {
  let base = try temporaryFolder()
  defer { try? FileManager.default.removeItem(at: base) }
  let fileManager = FileManager.default
  // No process has this id: pid_max is at most 2^22 on Linux.
  let gone = Int32.max
  let running = getppid()
  let leftovers = [
    ".Site.new-\(gone)", ".Site.old-\(gone)", ".Site.new-\(running)", ".Content.new-\(gone)",
    ".Site.new-notapid",
  ]
  for name in leftovers {
    let folder = base.appendingPathComponent(name)
    try fileManager.createDirectory(
      at: folder.appendingPathComponent("problems"), withIntermediateDirectories: true)
    try Data("partial".utf8).write(to: folder.appendingPathComponent("problems/x.html"))
  }
  try OutputWriter.replace(
    base.appendingPathComponent("Site"), with: ["index.html": Data("new".utf8)])
  let remaining = try fileManager.contentsOfDirectory(atPath: base.path).sorted()
  #expect(
    remaining == [".Content.new-\(gone)", ".Site.new-\(running)", ".Site.new-notapid", "Site"])
  #expect(
    try OutputWriter.read(base.appendingPathComponent("Site")) == ["index.html": Data("new".utf8)])
}

/// Folders written together are all written before any is swapped in: when one cannot be
/// written, none is replaced and nothing is left behind.
@Test func whenOneFolderCannotBeWrittenNoneIsReplaced() throws {
  let base = try temporaryFolder()
  defer { try? FileManager.default.removeItem(at: base) }
  let site = base.appendingPathComponent("Site")
  try OutputWriter.replace(site, with: ["index.html": Data("old".utf8)])
  #expect(throws: BuildError.self) {
    try OutputWriter.replace([
      (site, ["index.html": Data("new".utf8)]),
      (base.appendingPathComponent("missing/Content"), ["index.md": Data("new".utf8)]),
    ])
  }
  #expect(try OutputWriter.read(site) == ["index.html": Data("old".utf8)])
  #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["Site"])
}
