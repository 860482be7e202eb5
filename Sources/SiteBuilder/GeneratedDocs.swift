import Foundation
import LogRules

/// Pages of docs/ that `kb build` writes from declarations in the sources, so that they cannot
/// drift from them: docs/refusal-codes.md from ``RefusalCode``.
public enum GeneratedDocs {
  /// Each generated page by its name in docs/.
  public static var pages: [String: Data] {
    ["refusal-codes.md": Data(RefusalCode.markdownDocument.utf8)]
  }

  /// Writes every page that differs into `folder`, each whole or not at all; nothing when the
  /// folder does not exist (an installed `kb`, away from a checkout). The names written.
  @discardableResult
  public static func write(to folder: URL) throws -> [String] {
    guard exists(folder) else { return [] }
    var written: [String] = []
    for (name, data) in pages.sorted(by: { $0.key < $1.key }) {
      let file = folder.appendingPathComponent(name)
      if (try? Data(contentsOf: file)) == data { continue }
      do { try data.write(to: file, options: .atomic) } catch {
        throw BuildError(file: file.path, message: "cannot write a generated page")
      }
      written.append(name)
    }
    return written
  }

  /// Every generated page of `folder` that is missing or out of date; none when the folder
  /// does not exist.
  public static func differences(in folder: URL) -> [String] {
    guard exists(folder) else { return [] }
    return pages.sorted(by: { $0.key < $1.key }).compactMap { name, data in
      let file = folder.appendingPathComponent(name)
      guard let current = try? Data(contentsOf: file) else {
        return "\(folder.lastPathComponent)/\(name): missing; run 'make site'"
      }
      return current == data
        ? nil : "\(folder.lastPathComponent)/\(name): out of date; run 'make site'"
    }
  }

  private static func exists(_ folder: URL) -> Bool {
    var isFolder: ObjCBool = false
    return FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder)
      && isFolder.boolValue
  }
}
