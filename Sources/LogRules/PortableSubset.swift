#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The regular-expression subset every engine that applies `rules.json` reads alike, declared
/// once as data.
///
/// `lookup`'s loader, `kb check`, the schema text, docs/rule-format.md and the other consumers (which
/// read `Site/portable-subset.json`) all come from this declaration, so none can drift.
public struct PortableSubset: Codable, Sendable, Equatable {
  /// One construct a portable pattern may not use.
  public struct Construct: Codable, Sendable, Equatable {
    /// How the construct is found in a pattern.
    public enum Kind: String, Codable, Sendable {
      /// A backslash escape that starts with these characters (`\d`, `\x{`); escapes are
      /// read first, so `\\d` is an escaped backslash followed by `d`.
      case escape
      /// These characters anywhere outside escapes (`(?<=`, `*+`, `$`).
      case sequence
      /// A `.` outside a character class.
      case bareDot = "bare_dot"
      /// These characters inside a character class: ICU and Java read `[` there as a nested
      /// set and `&&` as an intersection, where PCRE2, Python and JavaScript read plain members.
      case classOperator = "class_operator"
    }

    /// How the construct is recognised in a pattern.
    public var kind: Kind
    /// The characters, for `escape`, `sequence` and `class_operator`; `.` for `bare_dot`.
    public var construct: String
    /// What a pattern author reads when the construct is refused.
    public var reason: String

    /// A construct of kind `kind`, its characters and the reason a pattern author reads.
    public init(_ kind: Kind, _ construct: String, _ reason: String) {
      self.kind = kind
      self.construct = construct
      self.reason = reason
    }
  }

  /// Version of this declaration's format.
  public var schemaVersion: Int
  /// How to apply the list, for implementers.
  public var description: String
  /// In order: the first construct a pattern contains is the one reported.
  public var forbidden: [Construct]

  /// The subset of this version of the rule set.
  public static let standard = PortableSubset(
    schemaVersion: 1,
    description:
      "Patterns of rules.json are read by PCRE2 (lookup's scan), ICU (lookup's reference "
      + "matcher), Python re, JavaScript RegExp and java.util.regex (the Spark job) without "
      + "flags: case-sensitive, `^` at the start of the line only, no multi-line or dot-all mode. "
      + "PCRE2 needs PCRE2_UTF (classes and counts see code points, as ICU's do), "
      + "PCRE2_ALT_BSUX (`\\uHHHH` as in ICU and JavaScript) and PCRE2_MATCH_INVALID_UTF, and "
      + "reads a line whose invalid UTF-8 was first replaced by U+FFFD, as the other engines "
      + "read decoded text. Vectorscan reads no pattern: only the rules' literals, as bytes, "
      + "to choose the lines the patterns read. "
      + "To check a pattern, read it left to right: a backslash and the character after it form "
      + "an escape; every other character is plain. A pattern is outside the subset when, at the "
      + "backslash of one of its escapes, the pattern goes on with the characters of an `escape` "
      + "construct, when its plain characters (escapes replaced "
      + "by one character that is none of these) contain a `sequence` construct, or, for "
      + "`bare_dot`, when a `.` stands outside a character class (a class opens at `[`, a `]` "
      + "right after `[` or `[^` belongs to it, and it closes at the next `]`), or, for "
      + "`class_operator`, when the members of a character class (its plain characters after "
      + "that start, before the `]` that closes it) contain the construct. Report the "
      + "first construct of the list that the pattern contains. A pattern must also compile.",
    forbidden: [
      .init(.sequence, "(?<=", "lookbehind is not portable"),
      .init(.sequence, "(?<!", "lookbehind is not portable"),
      .init(.sequence, "(?<", "named groups are not portable; name groups in `captures`"),
      .init(.sequence, "(?P", "named groups are not portable; name groups in `captures`"),
      .init(.sequence, "(?>", "atomic groups are not portable"),
      .init(.sequence, "(?i", "inline flags are not portable"),
      .init(.sequence, "(?m", "inline flags are not portable"),
      .init(.sequence, "(?s", "inline flags are not portable"),
      .init(.sequence, "(?x", "inline flags are not portable"),
      .init(.sequence, "*+", "possessive quantifiers are not portable"),
      .init(.sequence, "++", "possessive quantifiers are not portable"),
      .init(.sequence, "?+", "possessive quantifiers are not portable"),
      .init(.sequence, "}+", "possessive quantifiers are not portable"),
      .init(.escape, "\\A", "\\A is not portable; use ^"),
      .init(.escape, "\\Z", "\\Z is not portable"),
      .init(.escape, "\\z", "\\z is not portable"),
      .init(.escape, "\\d", "\\d matches other digits in ICU and Python; use [0-9]"),
      .init(.escape, "\\D", "\\D is not portable; use [^0-9]"),
      .init(.escape, "\\w", "\\w differs between engines; use [A-Za-z0-9_]"),
      .init(.escape, "\\W", "\\W differs between engines; use [^A-Za-z0-9_]"),
      .init(.escape, "\\b", "\\b differs between engines; use explicit character classes"),
      .init(.escape, "\\B", "\\B differs between engines"),
      .init(.escape, "\\p", "Unicode properties are not portable"),
      .init(.escape, "\\P", "Unicode properties are not portable"),
      .init(.escape, "\\h", "\\h is not portable"),
      .init(.escape, "\\R", "\\R is not portable"),
      .init(.escape, "\\Q", "\\Q...\\E quoting is not portable"),
      .init(.escape, "\\x{", "\\x{...} is ICU's alone; use \\xHH or \\uHHHH"),
      .init(.escape, "\\v", "\\v is a class of vertical spaces in ICU; use \\x0b"),
      .init(.escape, "\\G", "\\G is not portable"),
      .init(.escape, "\\X", "\\X is not portable"),
      .init(.escape, "\\N", "\\N is not portable"),
      .init(.escape, "\\K", "\\K is not portable"),
      .init(.escape, "\\k", "named backreferences are not portable"),
      .init(.escape, "\\c", "control escapes are not portable; use \\xHH"),
      .init(.escape, "\\e", "\\e is not portable; use \\x1b"),
      .init(.escape, "\\a", "\\a is not portable; use \\x07"),
      .init(.escape, "\\s", "\\s means different spaces in each engine; use [ \\t]"),
      .init(.escape, "\\S", "\\S means different spaces in each engine; use [^ \\t]"),
      .init(.sequence, "[:", "POSIX classes are not portable"),
      .init(
        .classOperator, "[",
        "a `[` inside a character class opens a nested set in ICU and Java; escape it as \\["),
      .init(
        .classOperator, "&&",
        "`&&` inside a character class is an intersection in ICU and Java; escape one `&`"),
      .init(
        .sequence, "$",
        "$ differs between engines at a final line feed; lines have none, so leave it out"),
      .init(
        .bareDot, ".",
        ". stops at different characters in each engine; use [^\\n] or a narrower class"),
    ])

  /// The first construct of ``forbidden`` that `pattern` contains, or nil when it has none.
  public func firstForbidden(in pattern: String) -> Construct? {
    // Unicode scalars, not characters, as Python and JavaScript read them: a combining mark
    // after `$` must not hide it.
    let scalars = Array(pattern.unicodeScalars)
    var plain: [Unicode.Scalar] = []
    var escapeStarts: [Int] = []
    var index = 0
    while index < scalars.count {
      if scalars[index] == "\\" {
        escapeStarts.append(index)
        plain.append("\u{1}")
        index += 2
      } else {
        plain.append(scalars[index])
        index += 1
      }
    }
    for construct in forbidden {
      // Every kind needs the construct's characters somewhere in the pattern as written: most
      // patterns are ruled out by that one search, without reading escapes or classes.
      guard Self.bytes(of: pattern, contain: construct.construct) else { continue }
      let wanted = Array(construct.construct.unicodeScalars)
      switch construct.kind {
      case .escape
      where escapeStarts.contains(where: { Self.scalars(scalars, at: $0, are: wanted) }):
        return construct
      case .sequence
      where plain.indices.contains(where: { Self.scalars(plain, at: $0, are: wanted) }):
        return construct
      case .bareDot where Self.hasBareDot(scalars):
        return construct
      case .classOperator where Self.hasClassMember(scalars, starting: wanted):
        return construct
      default: continue
      }
    }
    return nil
  }

  /// Whether `text`'s UTF-8 holds `part`'s.
  private static func bytes(of text: String, contain part: String) -> Bool {
    var text = text
    var part = part
    return text.withUTF8 { haystack in
      part.withUTF8 { needle in
        guard let first = needle.first, let base = haystack.baseAddress else {
          return needle.isEmpty
        }
        var start = 0
        while start + needle.count <= haystack.count,
          let found = memchr(base + start, Int32(first), haystack.count - start)
        {
          start = UnsafeRawPointer(found) - UnsafeRawPointer(base)
          guard start + needle.count <= haystack.count else { return false }
          if memcmp(base + start, needle.baseAddress!, needle.count) == 0 { return true }
          start += 1
        }
        return false
      }
    }
  }

  private static func scalars(
    _ scalars: [Unicode.Scalar], at start: Int, are wanted: [Unicode.Scalar]
  ) -> Bool {
    start + wanted.count <= scalars.count
      && scalars[start..<start + wanted.count].elementsEqual(wanted)
  }

  /// Whether `pattern` has a `.` outside a character class (where it matches any character).
  static func hasBareDot(_ scalars: [Unicode.Scalar]) -> Bool {
    PatternScan.firstPlain(in: scalars) { $1 == "." } != nil
  }

  /// Whether a member of a character class of `pattern` starts the scalars `wanted`.
  static func hasClassMember(_ scalars: [Unicode.Scalar], starting wanted: [Unicode.Scalar]) -> Bool
  {
    PatternScan.firstClassMember(in: scalars) { Self.scalars(scalars, at: $0, are: wanted) } != nil
  }

  /// The forbidden constructs as a Markdown table, as docs/rule-format.md shows them.
  public var markdownTable: String {
    (["| construct | why it is refused |", "|---|---|"]
      + forbidden.map { "| `\($0.construct)` | \($0.reason) |" })
      .joined(separator: "\n")
  }

  /// The forbidden constructs in one line, for the schema's description and docs/rule-format.md.
  public var summary: String {
    "none of "
      + forbidden.map {
        switch $0.kind {
        case .bareDot: "a bare `.`"
        case .classOperator: "`\($0.construct)` in a class"
        default: "`\($0.construct)`"
        }
      }
      .joined(separator: ", ")
  }
}

extension PortableSubset {
  /// Names the first construct of `pattern` outside the portable subset, or returns nil.
  public static func nonPortableConstruct(in pattern: String) -> String? {
    standard.firstForbidden(in: pattern)?.reason
  }
}

/// A pattern outside the portable subset, or one that does not compile.
public struct RegexProblem: Error, Sendable, Equatable, CustomStringConvertible {
  /// The pattern as it was given.
  public var pattern: String
  /// What is wrong with it: the refused construct, or the engine's compile error.
  public var reason: String
  /// The kind of refusal: outside the portable subset, or not compiling.
  public var code: RefusalCode

  /// The problem `reason` with `pattern`.
  public init(pattern: String, reason: String, code: RefusalCode = .patternDoesNotCompile) {
    self.pattern = pattern
    self.reason = reason
    self.code = code
  }

  /// The pattern and the reason, in one line.
  public var description: String { "pattern \(pattern): \(reason)" }
}

/// Walks a pattern's scalars the way its syntax reads them.
package enum PatternScan {
  /// The first position in `start..<end` whose scalar is neither escaped nor inside a
  /// character class and for which `visit` says true; nil when there is none.
  package static func firstPlain(
    in scalars: [Unicode.Scalar], from start: Int = 0, to end: Int? = nil,
    where visit: (Int, Unicode.Scalar) -> Bool
  ) -> Int? {
    first(in: scalars, from: start, to: end) { index, scalar, inClass in
      !inClass && visit(index, scalar)
    }
  }

  /// The first unescaped member of a character class (after its `[`, `[^` and a literal `]`
  /// that may follow them, before the `]` that closes it) for which `visit` says true.
  package static func firstClassMember(
    in scalars: [Unicode.Scalar], where visit: (Int) -> Bool
  ) -> Int? {
    first(in: scalars, from: 0, to: nil) { index, _, inClass in inClass && visit(index) }
  }

  /// Every unescaped scalar but a class's opening and closing brackets, with whether it is a
  /// member of a class.
  private static func first(
    in scalars: [Unicode.Scalar], from start: Int, to end: Int?,
    where visit: (Int, Unicode.Scalar, Bool) -> Bool
  ) -> Int? {
    let end = min(end ?? scalars.count, scalars.count)
    var inClass = false
    var index = start
    while index < end {
      let scalar = scalars[index]
      if scalar == "\\" {
        index += 2
        continue
      }
      if inClass && scalar == "]" {
        inClass = false
      } else if !inClass && scalar == "[" {
        inClass = true
        // A `]` right after `[` or `[^` is a literal member, not the end of the class.
        if index + 1 < end && scalars[index + 1] == "^" { index += 1 }
        if index + 1 < end && scalars[index + 1] == "]" {
          index += 1
          if visit(index, scalars[index], true) { return index }
        }
      } else if visit(index, scalar, inClass) {
        return index
      }
      index += 1
    }
    return nil
  }
}
