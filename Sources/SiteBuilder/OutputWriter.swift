import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a folder of files all at once: everything goes into a temporary folder beside the
/// target, which then takes the target's place. A failure or a kill at any moment leaves either
/// the old folder or the new one, complete.
public enum OutputWriter {
  /// Replaces `folder` with exactly `files` (paths relative to it).
  public static func replace(_ folder: URL, with files: [String: Data]) throws {
    try replace([(folder, files)])
  }

  /// Replaces each folder with exactly its files. Every folder is written first, then they are
  /// swapped in one right after the other, and only then are the old copies removed: a kill
  /// leaves each folder old or new, complete, and only a kill between two of those swaps (a
  /// few system calls) leaves some folders old and others new.
  public static func replace(_ outputs: [(folder: URL, files: [String: Data])]) throws {
    let fileManager = FileManager.default
    var staged: [(staging: URL, target: URL)] = []
    do {
      for (folder, files) in outputs {
        staged.append(try stage(files, for: folder))
      }
    } catch {
      for item in staged { try? fileManager.removeItem(at: item.staging) }
      throw error
    }
    var oldCopies: [URL] = []
    defer { for old in oldCopies { try? fileManager.removeItem(at: old) } }
    for (index, item) in staged.enumerated() {
      do {
        if let old = try swap(item.staging, into: item.target) { oldCopies.append(old) }
      } catch {
        for rest in staged[(index + 1)...] { try? fileManager.removeItem(at: rest.staging) }
        throw error
      }
    }
  }

  /// Writes `files` into a fresh staging folder beside `folder`, after removing what killed
  /// builds left there.
  static func stage(_ files: [String: Data], for folder: URL) throws -> (
    staging: URL, target: URL
  ) {
    let target = folder.standardizedFileURL
    let parent = target.deletingLastPathComponent()
    let name = target.lastPathComponent
    let fileManager = FileManager.default
    var isDirectory: ObjCBool = false
    if !fileManager.fileExists(atPath: parent.path, isDirectory: &isDirectory)
      || !isDirectory.boolValue
    {
      throw BuildError(file: parent.path, message: "output's parent folder does not exist")
    }
    removeLeftovers(of: name, in: parent)
    let staging = parent.appendingPathComponent(".\(name).new-\(getpid())")
    try? fileManager.removeItem(at: staging)
    do {
      try write(files, into: staging)
    } catch let error as BuildError {
      try? fileManager.removeItem(at: staging)
      throw error
    } catch {
      try? fileManager.removeItem(at: staging)
      throw BuildError(file: staging.path, message: "cannot write: \(describe(error))")
    }
    return (staging, target)
  }

  /// Removes the `.NAME.new-PID` and `.NAME.old-PID` folders that builds killed before they
  /// could clean up left beside `NAME`; those of a build still running are left alone.
  static func removeLeftovers(of name: String, in parent: URL) {
    let fileManager = FileManager.default
    guard let entries = try? fileManager.contentsOfDirectory(atPath: parent.path) else { return }
    for entry in entries {
      for marker in [".\(name).new-", ".\(name).old-"] where entry.hasPrefix(marker) {
        guard let pid = pid_t(entry.dropFirst(marker.count)), pid > 0,
          pid == getpid() || !isRunning(pid)
        else { continue }
        try? fileManager.removeItem(at: parent.appendingPathComponent(entry))
      }
    }
  }

  /// Whether a process `pid` exists (EPERM: it does, owned by someone else).
  private static func isRunning(_ pid: pid_t) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
  }

  static func write(_ files: [String: Data], into folder: URL) throws {
    let fileManager = FileManager.default
    try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
    for path in files.keys.sorted() {
      guard !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
        throw BuildError(file: path, message: "output path leaves its folder")
      }
      let url = folder.appendingPathComponent(path)
      try fileManager.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      do {
        try files[path]!.write(to: url)
      } catch {
        throw BuildError(file: url.path, message: "cannot write: \(describe(error))")
      }
    }
    // No sync(): it would flush the whole machine's writes. The swap is atomic for readers and
    // for a killed build; surviving power loss is left to the file system's rename ordering.
  }

  /// Exchanges the two folders atomically where the system can (Linux `renameat2`), otherwise
  /// moves the old one aside first. Returns where the old output now is, for the caller to
  /// remove; nil when there was none.
  static func swap(_ staging: URL, into target: URL) throws -> URL? {
    let fileManager = FileManager.default
    if fileManager.fileExists(atPath: target.path) {
      if exchange(staging.path, target.path) {
        return staging
      }
      let old = target.deletingLastPathComponent()
        .appendingPathComponent(".\(target.lastPathComponent).old-\(getpid())")
      try? fileManager.removeItem(at: old)
      guard rename(target.path, old.path) == 0 else {
        let reason = String(cString: strerror(errno))
        try? fileManager.removeItem(at: staging)
        throw BuildError(file: target.path, message: "cannot move the old output aside: \(reason)")
      }
      guard rename(staging.path, target.path) == 0 else {
        let reason = String(cString: strerror(errno))
        _ = rename(old.path, target.path)
        try? fileManager.removeItem(at: staging)
        throw BuildError(
          file: target.path, message: "cannot move the new output in place: \(reason)")
      }
      return old
    } else if rename(staging.path, target.path) != 0 {
      let reason = String(cString: strerror(errno))
      try? fileManager.removeItem(at: staging)
      throw BuildError(file: target.path, message: "cannot move the new output in place: \(reason)")
    }
    return nil
  }

  private typealias RenameAt2 =
    @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

  /// `renameat2(..., RENAME_EXCHANGE)`, looked up at run time: Swift's Glibc module does not
  /// export it.
  private static func exchange(_ first: String, _ second: String) -> Bool {
    #if os(Linux)
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else {
        return false
      }
      let function = unsafeBitCast(symbol, to: RenameAt2.self)
      let renameExchange: UInt32 = 1 << 1
      return function(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
    #else
      return false
    #endif
  }

  static func describe(_ error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return nsError.localizedDescription
  }

  /// Reads every file below `folder`, by relative path; empty when it does not exist.
  public static func read(_ folder: URL) throws -> [String: Data] {
    let fileManager = FileManager.default
    guard fileManager.fileExists(atPath: folder.path),
      let enumerator = fileManager.enumerator(
        at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    else { return [:] }
    let base = folder.standardizedFileURL.path
    var files: [String: Data] = [:]
    for case let url as URL in enumerator {
      guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else {
        continue
      }
      do {
        files[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = try Data(
          contentsOf: url)
      } catch {
        throw BuildError(file: TemplateSet.display(url), message: "cannot read: \(describe(error))")
      }
    }
    return files
  }
}
