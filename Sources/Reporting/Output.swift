import Foundation
import LogRules

#if canImport(Glibc)
  import Glibc
#endif

/// Where help pages are: a folder of the built site, or a published base URL.
public struct HelpLinks: Sendable {
  public var baseURL: String?
  public var site: String

  public init(baseURL: String? = nil, site: String = "Site") {
    self.baseURL = baseURL
    self.site = site
  }

  public func link(for problem: ProblemInfo) -> String {
    if let baseURL {
      return baseURL.hasSuffix("/") ? baseURL + problem.url : baseURL + "/" + problem.url
    }
    return (site as NSString).appendingPathComponent(problem.url)
  }
}

/// Terminal styling: on only for a terminal, and never with NO_COLOR set.
public struct Style: Sendable {
  public var enabled: Bool

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

  public init() {}

  public func write(_ string: String) {
    buffer += string
    if buffer.utf8.count > 1 << 16 { flush() }
  }

  public func flush() {
    guard !buffer.isEmpty else { return }
    FileHandle.standardOutput.write(Data(buffer.utf8))
    buffer = ""
  }
}
