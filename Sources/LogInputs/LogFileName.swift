import Foundation

/// What a file's name says: whether it is worth reading when found in a folder or an archive,
/// and its place in a rotated set (`atlassian-jira.log.3` is older than `.log.2`).
///
/// Names decide only what is read; how it is read comes from the bytes (``ByteFormat``).
public struct LogFileName: Sendable, Equatable {
  /// What a name is, by its suffix.
  public enum Kind: Sendable, Equatable {
    /// `*.log`, `*.out`, `*.txt`, rotated (`*.log.3`, `*.log.2024-03-05`), or one of these
    /// compressed (`*.log.2.gz`).
    case log
    /// `*.zip`, `*.tar`, `*.tgz`, `*.tar.gz` and the like: read for the logs inside.
    case archive
    /// Anything else: skipped and counted.
    case other
  }

  /// Where a file stands in its rotated set, oldest first: dated, then numbered from the
  /// highest number down, then the current file.
  enum Rotation: Sendable, Equatable, Comparable {
    case dated(String)
    case numbered(Int)
    case current

    private var rank: Int {
      switch self {
      case .dated: 0
      case .numbered: 1
      case .current: 2
      }
    }

    static func < (left: Rotation, right: Rotation) -> Bool {
      switch (left, right) {
      case (.dated(let a), .dated(let b)): a < b
      case (.numbered(let a), .numbered(let b)): a > b
      default: left.rank < right.rank
      }
    }
  }

  /// The last part of the path.
  public let name: String
  /// Whether the name is a log, an archive or something else, by its suffix.
  public let kind: Kind
  /// The name without its compression suffix and rotation: `atlassian-jira.log` for
  /// `atlassian-jira.log.2.gz`.
  public let base: String
  let rotation: Rotation

  static let compressionSuffixes = [".gz", ".bz2", ".xz", ".zst", ".lz4", ".z"]
  static let logSuffixes = [".log", ".out", ".txt"]
  static let archiveSuffixes = [".zip", ".tar", ".tgz", ".tbz2", ".txz"]

  /// What the last part of `path` says; the suffixes are compared ignoring ASCII case.
  public init(_ path: String) {
    let name = String(path.split(separator: "/", omittingEmptySubsequences: true).last ?? "")
    self.name = name
    var core = name
    let lower = Self.asciiLowercased(name)
    if let suffix = Self.compressionSuffixes.first(where: { lower.hasSuffix($0) }),
      name.count > suffix.count
    {
      core = String(name.dropLast(suffix.count))
    }
    let coreLower = Self.asciiLowercased(core)
    if Self.logSuffixes.contains(where: { coreLower.hasSuffix($0) }) {
      kind = .log
      base = core
      rotation = .current
    } else if let (stem, suffix) = Self.rotated(core) {
      kind = .log
      base = stem
      rotation = Int(suffix).map(Rotation.numbered) ?? .dated(suffix)
    } else if Self.archiveSuffixes.contains(where: { lower.hasSuffix($0) })
      || (core != name && coreLower.hasSuffix(".tar"))
    {
      kind = .archive
      base = name
      rotation = .current
    } else {
      kind = .other
      base = name
      rotation = .current
    }
  }

  /// `atlassian-jira.log.3` -> (`atlassian-jira.log`, `3`); a rotation suffix holds digits and
  /// `-`, `_`, `.` only, and at least one digit.
  private static func rotated(_ core: String) -> (String, String)? {
    let lower = asciiLowercased(core)
    for suffix in logSuffixes {
      guard let range = lower.range(of: suffix + ".", options: .backwards) else { continue }
      let offset = lower.distance(from: lower.startIndex, to: range.upperBound)
      let rest = core.dropFirst(offset)
      guard !rest.isEmpty, rest.contains(where: \.isASCIIDigit),
        rest.allSatisfy({ $0.isASCIIDigit || $0 == "-" || $0 == "_" || $0 == "." })
      else { continue }
      return (String(core.prefix(offset - 1)), String(rest))
    }
    return nil
  }

  /// Whether `self` is read before `other` among the files of one folder: by base name, then
  /// oldest first within a rotated set, then by name.
  public func precedes(_ other: LogFileName) -> Bool {
    if base != other.base { return base < other.base }
    if rotation != other.rotation { return rotation < other.rotation }
    return name < other.name
  }

  /// Paths in reading order: by folder, then as ``precedes(_:)`` says within one folder.
  public static func readingOrder(_ paths: [String]) -> [String] {
    readingOrder(paths) { $0 }
  }

  /// Items in the reading order of their paths.
  static func readingOrder<Item>(_ items: [Item], path: (Item) -> String) -> [Item] {
    let keyed = items.map { item -> (folder: Substring, name: LogFileName, item: Item) in
      let itemPath = path(item)
      let slash = itemPath.lastIndex(of: "/")
      return (slash.map { itemPath[..<$0] } ?? "", LogFileName(itemPath), item)
    }
    return keyed.sorted { left, right in
      if left.folder != right.folder { return left.folder < right.folder }
      return left.name.precedes(right.name)
    }.map(\.item)
  }
}

extension LogFileName {
  /// Only A–Z change, so that offsets in the lowered name are offsets in the name.
  static func asciiLowercased(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      scalars.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar)
    }
    return String(scalars)
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
