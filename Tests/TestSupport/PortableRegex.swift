import Foundation
import LogRules
import RuleMatching

/// A regular expression in the subset that ICU, Python `re` and JavaScript `RegExp` read alike.
public struct PortableRegex: @unchecked Sendable {
  // NSRegularExpression is immutable and documented as safe to share between threads.
  let regex: NSRegularExpression
  /// The pattern as given, in the portable subset.
  public let pattern: String

  /// Compiles `pattern`, or throws naming what is outside the portable subset.
  public init(_ pattern: String) throws(RegexProblem) {
    if let reason = PortableSubset.nonPortableConstruct(in: pattern) {
      throw RegexProblem(pattern: pattern, reason: reason)
    }
    do {
      regex = try NSRegularExpression(pattern: pattern)
    } catch {
      throw RegexProblem(
        pattern: pattern, reason: "does not compile as a regular expression")
    }
    self.pattern = pattern
  }

  /// Capture groups of the first match in `text`, as strings (nil for a group that did not
  /// take part), or nil when there is no match.
  public func firstMatch(in text: String) -> [String?]? {
    firstMatch(in: MatchText(text))
  }

  /// The same, for a line read by several expressions.
  func firstMatch(in text: MatchText) -> [String?]? {
    guard
      let match = regex.firstMatch(
        in: text.string, options: [], range: NSRange(location: 0, length: text.utf16Count))
    else { return nil }
    return (0..<match.numberOfRanges).map { index in
      let range = match.range(at: index)
      return range.location == NSNotFound ? nil : text.substring(range)
    }
  }

  /// Number of capture groups.
  public var groupCount: Int { regex.numberOfCaptureGroups }
}

/// A line as the regular-expression engine reads it, with a fast way back from the engine's
/// UTF-16 ranges to text: for ASCII lines (nearly all log lines) they are byte offsets.
struct MatchText {
  let string: String
  let utf16Count: Int
  private let isASCII: Bool

  init(_ text: String) {
    string = text
    let utf8Count = text.utf8.count
    isASCII = text.utf8.allSatisfy { $0 < 0x80 }
    utf16Count = isASCII ? utf8Count : text.utf16.count
  }

  func substring(_ range: NSRange) -> String? {
    if isASCII {
      let utf8 = string.utf8
      let start = utf8.index(utf8.startIndex, offsetBy: range.location)
      let end = utf8.index(start, offsetBy: range.length)
      return String(string[start..<end])
    }
    // UTF-16 offsets, which may fall inside a character (a combining mark after a quote).
    let utf16 = string.utf16
    let start = utf16.index(utf16.startIndex, offsetBy: range.location)
    let end = utf16.index(start, offsetBy: range.length)
    return String(utf16[start..<end]) ?? NSString(string: string).substring(with: range)
  }
}

/// ICU (`NSRegularExpression`) on the decoded line: the reference that the tests and the
/// fuzzers compare the scan's PCRE2 engine with. It ships in no product.
public struct ICUEngine: TextPatternEngine {
  /// The ICU engine; it has no state.
  public init() {}

  /// `pattern` compiled by ICU, once it is checked to be in the portable subset.
  public func compile(_ pattern: String) throws(RegexProblem) -> any TextPattern {
    try PortableRegex(pattern)
  }
}

extension PortableRegex: TextPattern {}

extension MatchEngine {
  /// ICU on the decoded line, the reference engine.
  public static var reference: MatchEngine { .text(ICUEngine()) }
}
