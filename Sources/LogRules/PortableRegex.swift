import Foundation

/// A regular expression in the subset that ICU, Python `re` and JavaScript `RegExp` read alike.
public struct PortableRegex: @unchecked Sendable {
  // NSRegularExpression is immutable and documented as safe to share between threads.
  let regex: NSRegularExpression
  public let pattern: String

  /// Compiles `pattern`, or throws naming what is outside the portable subset.
  public init(_ pattern: String) throws(RegexProblem) {
    if let reason = PortableRegex.nonPortableConstruct(in: pattern) {
      throw RegexProblem(pattern: pattern, reason: reason)
    }
    do {
      regex = try NSRegularExpression(pattern: pattern)
    } catch {
      throw RegexProblem(
        pattern: pattern, reason: "does not compile: \(error.localizedDescription)")
    }
    self.pattern = pattern
  }

  /// Constructs the three engines read differently, or not at all.
  static let forbidden: [(token: String, reason: String)] = [
    ("(?<=", "lookbehind is not portable"),
    ("(?<!", "lookbehind is not portable"),
    ("(?<", "named groups are not portable; name groups in `captures`"),
    ("(?P", "named groups are not portable; name groups in `captures`"),
    ("(?>", "atomic groups are not portable"),
    ("(?i", "inline flags are not portable"),
    ("(?m", "inline flags are not portable"),
    ("(?s", "inline flags are not portable"),
    ("(?x", "inline flags are not portable"),
    ("*+", "possessive quantifiers are not portable"),
    ("++", "possessive quantifiers are not portable"),
    ("?+", "possessive quantifiers are not portable"),
    ("}+", "possessive quantifiers are not portable"),
    ("\\A", "\\A is not portable; use ^"),
    ("\\Z", "\\Z is not portable"),
    ("\\z", "\\z is not portable"),
    ("\\d", "\\d matches other digits in ICU and Python; use [0-9]"),
    ("\\D", "\\D is not portable; use [^0-9]"),
    ("\\w", "\\w differs between engines; use [A-Za-z0-9_]"),
    ("\\W", "\\W differs between engines; use [^A-Za-z0-9_]"),
    ("\\b", "\\b differs between engines; use explicit character classes"),
    ("\\B", "\\B differs between engines"),
    ("\\p", "Unicode properties are not portable"),
    ("\\h", "\\h is not portable"),
    ("\\R", "\\R is not portable"),
    ("\\Q", "\\Q...\\E quoting is not portable"),
    ("[:", "POSIX classes are not portable"),
    ("$", "$ differs between engines at a final line feed; lines have none, so leave it out"),
    ("\\s", "\\s means different spaces in each engine; use [ \\t]"),
    ("\\S", "\\S means different spaces in each engine; use [^ \\t]"),
  ]

  /// Names the first construct outside the portable subset, or returns nil.
  public static func nonPortableConstruct(in pattern: String) -> String? {
    // Skip escaped characters so `\\$` or `\\+\\+` do not count.
    var plain = ""
    var escapes: [String] = []
    var iterator = pattern.makeIterator()
    while let character = iterator.next() {
      if character == "\\" {
        let next = iterator.next().map(String.init) ?? ""
        escapes.append("\\" + next)
        plain.append("\u{1}")
      } else {
        plain.append(character)
      }
    }
    for (token, reason) in forbidden {
      if token.hasPrefix("\\") {
        if escapes.contains(token) { return reason }
      } else if plain.contains(token) {
        return reason
      }
    }
    if hasBareDot(pattern) {
      return ". stops at different characters in each engine; use [^\\n] or a narrower class"
    }
    return nil
  }

  /// Whether `pattern` has a `.` outside a character class (where it matches any character).
  private static func hasBareDot(_ pattern: String) -> Bool {
    var inClass = false
    let characters = Array(pattern.unicodeScalars)
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if character == "\\" {
        index += 2
        continue
      }
      if inClass {
        if character == "]" { inClass = false }
      } else if character == "[" {
        inClass = true
        // A `]` right after `[` or `[^` is a literal member, not the end of the class.
        if index + 1 < characters.count && characters[index + 1] == "^" { index += 1 }
        if index + 1 < characters.count && characters[index + 1] == "]" { index += 1 }
      } else if character == "." {
        return true
      }
      index += 1
    }
    return false
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

/// A pattern outside the portable subset, or one that does not compile.
public struct RegexProblem: Error, Sendable, Equatable, CustomStringConvertible {
  public var pattern: String
  public var reason: String
  public var description: String { "pattern \(pattern): \(reason)" }
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
