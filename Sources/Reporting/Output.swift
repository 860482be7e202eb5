import Foundation
import LogRules

#if canImport(Glibc)
  import Glibc
#endif

/// Where help pages are: a folder of the built site, or a published base URL.
public struct HelpLinks: Sendable {
  /// The published site's base URL (`--base-url`); when set, links are made with it.
  public var baseURL: String?
  /// The folder of the built site, used when there is no base URL.
  public var site: String

  /// Links to the site in `site`, or under `baseURL` when one is given.
  public init(baseURL: String? = nil, site: String = "Site") {
    self.baseURL = baseURL
    self.site = site
  }

  /// The help page of `problem`: under the base URL when there is one, else a path in the site
  /// folder.
  public func link(for problem: ProblemInfo) -> String {
    if let baseURL {
      return baseURL.hasSuffix("/") ? baseURL + problem.url : baseURL + "/" + problem.url
    }
    return (site as NSString).appendingPathComponent(problem.url)
  }

  /// Where `make install` puts the help site, under the prefix of the installed executables.
  public static let installedSite = "share/applinkskb/site"

  /// The folder of the help site when no `--site` is given: `Site` when the current folder has
  /// one (a checkout), else the site installed with the executable at `executable`
  /// (`PREFIX/share/applinkskb/site` for `PREFIX/bin/lookup`, symbolic links followed) when
  /// it is there, else `Site`.
  public static func defaultSite(
    executable: URL?, isFolder: (String) -> Bool = HelpLinks.isFolder
  ) -> String {
    if isFolder("Site") { return "Site" }
    guard let executable else { return "Site" }
    let prefix = executable.resolvingSymlinksInPath().deletingLastPathComponent()
      .deletingLastPathComponent()
    let installed = prefix.appendingPathComponent(installedSite).path
    return isFolder(installed) ? installed : "Site"
  }

  /// Whether `path` names a folder (after symbolic links).
  public static func isFolder(_ path: String) -> Bool {
    var folder: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
  }
}

/// Terminal styling: on only for a terminal, and never with NO_COLOR set.
public struct Style: Sendable {
  /// Whether escapes for bold, coloured and dim text are written.
  public var enabled: Bool

  /// Styling on or off, whatever the terminal.
  public init(enabled: Bool) { self.enabled = enabled }

  /// Styling for standard output as it is now.
  public static func detect() -> Style {
    let environment = ProcessInfo.processInfo.environment
    let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    return Style(enabled: isatty(STDOUT_FILENO) == 1 && !noColor && environment["TERM"] != "dumb")
  }

  func bold(_ text: String) -> String { enabled ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
  func heading(_ text: String) -> String { enabled ? "\u{1B}[1;33m\(text)\u{1B}[0m" : text }
  func dim(_ text: String) -> String { enabled ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}

/// Standard output, written in blocks of 64 KiB; call ``flush()`` before exiting and wherever
/// a reader must see what was written so far.
public final class StandardOutput: TextOutputStream {
  private var buffer = ""
  private let sink: (String) -> Void

  /// Output to the process's standard output.
  public init() {
    sink = { FileHandle.standardOutput.write(Data($0.utf8)) }
  }

  /// Output handed to `sink` in blocks (a test's buffer).
  public init(sink: @escaping (String) -> Void) { self.sink = sink }

  /// Adds `string` to the buffer, handing the buffer on once it holds more than 64 KiB.
  public func write(_ string: String) {
    buffer += string
    if buffer.utf8.count > 1 << 16 { flush() }
  }

  /// Hands what is buffered on to the sink now.
  public func flush() {
    guard !buffer.isEmpty else { return }
    sink(buffer)
    buffer = ""
  }
}

/// Text from an input (a file or entry name, a log line) made safe to print on a terminal:
/// control characters, terminal escapes and bidirectional overrides are written as `\x1b`,
/// `\u{9b}`; a backslash stays as it is.
public enum TerminalText {
  /// `text` with every C0 or C1 control character (a tab too, unless `keepingTabs`) and every
  /// bidirectional mark or override written as an escape; `text` itself when it has none.
  public static func escaped(_ text: String, keepingTabs: Bool = false) -> String {
    guard text.unicodeScalars.contains(where: { needsEscape($0, keepingTabs: keepingTabs) })
    else { return text }
    var escaped = ""
    for scalar in text.unicodeScalars {
      if !needsEscape(scalar, keepingTabs: keepingTabs) {
        escaped.unicodeScalars.append(scalar)
      } else if scalar.value < 0x80 {
        escaped += "\\x" + hex(scalar.value, width: 2)
      } else {
        escaped += "\\u{" + hex(scalar.value, width: 0) + "}"
      }
    }
    return escaped
  }

  private static func needsEscape(_ scalar: Unicode.Scalar, keepingTabs: Bool) -> Bool {
    switch scalar.value {
    case 0x09: !keepingTabs
    case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }

  private static func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
