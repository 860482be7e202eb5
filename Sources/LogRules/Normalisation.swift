/// One step of the normalisation every engine applies to a line before matching it, so that a
/// line pasted from an e-mail, a chat, a Markdown page or a JSON log reads as the product wrote
/// it. A finding's `text` stays the line as given.
public enum NormalisationStep: String, Codable, Sendable, CaseIterable {
  /// A carriage return at the end of the line is dropped.
  case trailingCarriageReturn = "trailing_carriage_return"
  /// Quote markers at the start of a reply: `^(?:[ \t]*>)+[ \t]?` is removed.
  case quoteMarkers = "quote_markers"
  /// An editor's or a paste site's line number: `^[ \t]*[0-9]{1,6}[ \t]*[|│][ \t]?` is removed.
  case lineGutter = "line_gutter"
  /// A list bullet: `^[ \t]*(?:[-*+•]|[0-9]{1,3}[.)])[ \t]+` is removed.
  case bullets
  /// Every backtick goes (Markdown code spans and fences).
  case codeSpans = "code_spans"
  /// `&quot;` `&amp;` `&lt;` `&gt;` `&apos;` `&nbsp;` (a space) and `&#N;` / `&#xH;` whose value
  /// is a printable ASCII character (U+0020 to U+007E) are decoded, in one pass from the left.
  case htmlEntities = "html_entities"
  /// `\"` `\/` `\\` give `"` `/` `\`; `\n` and `\r` give a space, `\t` a tab; `\uXXXX` whose
  /// value is a printable ASCII character is decoded; in one pass from the left.
  case jsonEscapes = "json_escapes"
}

/// The steps of ``NormalisationStep`` in the order a rule set declares them, applied to a
/// line's bytes.
public struct Normalisation: Codable, Sendable, Equatable {
  /// The steps, in the order they are applied.
  public var steps: [NormalisationStep]

  /// A normalisation applying `steps` in the order given.
  public init(steps: [NormalisationStep]) { self.steps = steps }

  /// Every step, in the order `rules.json` declares them.
  public static let standard = Normalisation(steps: NormalisationStep.allCases)

  /// Texts whose presence lets a step create an occurrence of a literal that the line as read
  /// lacks. The literal pass looks for them beside the rules' literals, so that such a line is
  /// still read.
  package var triggers: [String] {
    var triggers: [String] = []
    if steps.contains(.codeSpans) { triggers.append("`") }
    if steps.contains(.htmlEntities) {
      triggers += ["&quot;", "&amp;", "&lt;", "&gt;", "&apos;", "&nbsp;", "&#"]
    }
    if steps.contains(.jsonEscapes) {
      triggers += ["\\\"", "\\/", "\\\\", "\\n", "\\r", "\\t", "\\u"]
    }
    return triggers
  }

  /// The normalised line, or nil when no step changes `line`.
  public func apply(_ line: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    guard mayChange(line) else { return nil }
    var bytes = Array(line)
    for step in steps {
      switch step {
      case .trailingCarriageReturn:
        if bytes.last == 0x0D { bytes.removeLast() }
      case .quoteMarkers: Self.dropPrefix(&bytes, Self.quoteMarkers)
      case .lineGutter: Self.dropPrefix(&bytes, Self.lineGutter)
      case .bullets: Self.dropPrefix(&bytes, Self.bullet)
      case .codeSpans: bytes.removeAll { $0 == 0x60 }
      case .htmlEntities: bytes = Self.decodeEntities(bytes)
      case .jsonEscapes: bytes = Self.decodeEscapes(bytes)
      }
    }
    return bytes.elementsEqual(line) ? nil : bytes
  }

  /// Calls `body` with `line` as the rules read it: normalised, or as it is when no step
  /// changes it.
  package func reading<Result>(
    _ line: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result
  ) -> Result {
    guard let normal = apply(line) else { return body(line) }
    return normal.withUnsafeBufferPointer(body)
  }

  /// ``apply(_:)`` on a string.
  public func apply(_ line: String) -> String {
    var bytes = Array(line.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer in
      apply(UnsafeBufferPointer(buffer)).map { String(decoding: $0, as: UTF8.self) } ?? line
    }
  }

  /// False when no step can change `line`: it starts with none of the prefixes' first bytes
  /// and holds no backtick, ampersand, backslash or final carriage return.
  private func mayChange(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    var first = 0
    while first < line.count && (line[first] == 0x20 || line[first] == 0x09) { first += 1 }
    if first < line.count {
      switch line[first] {
      case UInt8(ascii: ">"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"), 0xE2,
        UInt8(ascii: "0")...UInt8(ascii: "9"):
        return true
      default: break
      }
    }
    return line.contains { $0 == 0x60 || $0 == 0x26 || $0 == 0x5C || $0 == 0x0D }
  }

  // MARK: Prefixes

  /// A prefix reader: the length of the prefix at the start of `bytes`, or nil.
  private typealias Prefix = ([UInt8]) -> Int?

  private static func dropPrefix(_ bytes: inout [UInt8], _ prefix: Prefix) {
    if let length = prefix(bytes), length > 0 { bytes.removeFirst(length) }
  }

  private static func blanks(_ bytes: [UInt8], from start: Int) -> Int {
    var index = start
    while index < bytes.count && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
    return index
  }

  private static func digits(_ bytes: [UInt8], from start: Int, most: Int) -> Int {
    var index = start
    while index < bytes.count && index - start < most
      && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
    {
      index += 1
    }
    return index
  }

  /// `^(?:[ \t]*>)+[ \t]?`
  private static func quoteMarkers(_ bytes: [UInt8]) -> Int? {
    var end = 0
    while true {
      let next = blanks(bytes, from: end)
      guard next < bytes.count, bytes[next] == UInt8(ascii: ">") else { break }
      end = next + 1
    }
    guard end > 0 else { return nil }
    if end < bytes.count && (bytes[end] == 0x20 || bytes[end] == 0x09) { end += 1 }
    return end
  }

  private static let boxBar: [UInt8] = [0xE2, 0x94, 0x82]  // │
  private static let bulletDot: [UInt8] = [0xE2, 0x80, 0xA2]  // •

  private static func hasBytes(_ bytes: [UInt8], _ other: [UInt8], at index: Int) -> Bool {
    index + other.count <= bytes.count && bytes[index..<index + other.count].elementsEqual(other)
  }

  /// `^[ \t]*[0-9]{1,6}[ \t]*[|│][ \t]?`
  private static func lineGutter(_ bytes: [UInt8]) -> Int? {
    let start = blanks(bytes, from: 0)
    let afterDigits = digits(bytes, from: start, most: 6)
    guard afterDigits > start else { return nil }
    var end = blanks(bytes, from: afterDigits)
    if end < bytes.count && bytes[end] == UInt8(ascii: "|") {
      end += 1
    } else if hasBytes(bytes, boxBar, at: end) {
      end += boxBar.count
    } else {
      return nil
    }
    if end < bytes.count && (bytes[end] == 0x20 || bytes[end] == 0x09) { end += 1 }
    return end
  }

  /// `^[ \t]*(?:[-*+•]|[0-9]{1,3}[.)])[ \t]+`
  private static func bullet(_ bytes: [UInt8]) -> Int? {
    let start = blanks(bytes, from: 0)
    guard start < bytes.count else { return nil }
    var end: Int
    switch bytes[start] {
    case UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"): end = start + 1
    case 0xE2:
      guard hasBytes(bytes, bulletDot, at: start) else { return nil }
      end = start + bulletDot.count
    default:
      let afterDigits = digits(bytes, from: start, most: 3)
      guard afterDigits > start, afterDigits < bytes.count,
        bytes[afterDigits] == UInt8(ascii: ".") || bytes[afterDigits] == UInt8(ascii: ")")
      else { return nil }
      end = afterDigits + 1
    }
    let afterBlanks = blanks(bytes, from: end)
    return afterBlanks > end ? afterBlanks : nil
  }

  // MARK: Escapes

  private static let entities: [(name: [UInt8], value: UInt8)] = [
    (Array("quot;".utf8), UInt8(ascii: "\"")), (Array("amp;".utf8), UInt8(ascii: "&")),
    (Array("lt;".utf8), UInt8(ascii: "<")), (Array("gt;".utf8), UInt8(ascii: ">")),
    (Array("apos;".utf8), UInt8(ascii: "'")), (Array("nbsp;".utf8), UInt8(ascii: " ")),
  ]

  /// A printable ASCII character, or nil.
  private static func printable(_ value: UInt32?) -> UInt8? {
    guard let value, (0x20...0x7E).contains(value) else { return nil }
    return UInt8(value)
  }

  /// The value of the digits of `bytes[range]` in `radix`, or nil.
  private static func number(_ bytes: [UInt8], _ range: Range<Int>, radix: UInt32) -> UInt32? {
    guard !range.isEmpty else { return nil }
    var value: UInt32 = 0
    for byte in bytes[range] {
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16:
        digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16:
        digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: return nil
      }
      value = value * radix + digit
    }
    return value
  }

  /// One entity at `index` (which holds `&`): its value and length, or nil.
  private static func entity(_ bytes: [UInt8], at index: Int) -> (UInt8, Int)? {
    for (name, value) in entities where hasBytes(bytes, name, at: index + 1) {
      return (value, 1 + name.count)
    }
    guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "#") else { return nil }
    let hex = index + 2 < bytes.count && (bytes[index + 2] | 0x20) == UInt8(ascii: "x")
    let start = index + (hex ? 3 : 2)
    let most = hex ? 6 : 7
    var end = start
    while end < bytes.count && end - start < most && bytes[end] != UInt8(ascii: ";") { end += 1 }
    guard end < bytes.count, bytes[end] == UInt8(ascii: ";"),
      let value = printable(number(bytes, start..<end, radix: hex ? 16 : 10))
    else { return nil }
    return (value, end + 1 - index)
  }

  private static func decodeEntities(_ bytes: [UInt8]) -> [UInt8] {
    decode(bytes, marker: UInt8(ascii: "&"), reading: entity)
  }

  /// One pass from the left: at each `marker`, `reading` gives the byte it stands for and how
  /// many bytes it takes, or nil to keep the marker as it is.
  private static func decode(
    _ bytes: [UInt8], marker: UInt8, reading: ([UInt8], Int) -> (UInt8, Int)?
  ) -> [UInt8] {
    guard bytes.contains(marker) else { return bytes }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      if bytes[index] == marker, let (value, length) = reading(bytes, index) {
        out.append(value)
        index += length
      } else {
        out.append(bytes[index])
        index += 1
      }
    }
    return out
  }

  /// One escape at `index` (which holds a backslash): its bytes and length, or nil.
  private static func escape(_ bytes: [UInt8], at index: Int) -> (UInt8, Int)? {
    guard index + 1 < bytes.count else { return nil }
    switch bytes[index + 1] {
    case UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "\\"): return (bytes[index + 1], 2)
    case UInt8(ascii: "n"), UInt8(ascii: "r"): return (UInt8(ascii: " "), 2)
    case UInt8(ascii: "t"): return (0x09, 2)
    case UInt8(ascii: "u"):
      guard index + 6 <= bytes.count,
        let value = printable(number(bytes, index + 2..<index + 6, radix: 16))
      else { return nil }
      return (value, 6)
    default: return nil
    }
  }

  private static func decodeEscapes(_ bytes: [UInt8]) -> [UInt8] {
    decode(bytes, marker: 0x5C, reading: escape)
  }
}
