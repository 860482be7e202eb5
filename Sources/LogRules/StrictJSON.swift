/// Whether bytes are JSON text exactly as RFC 8259 writes it, and no more.
///
/// Foundation's parser also reads a byte-order mark and commas before a closing bracket, which
/// Python's `json` and JavaScript's `JSON.parse` refuse; a rule set must be read alike by every
/// engine, so the loader refuses those too (refusal code E0001) before parsing.
enum StrictJSON {
  /// Whether `bytes` is one JSON value with optional white space around it.
  static func isValid(_ bytes: [UInt8]) -> Bool {
    var reader = Reader(bytes: bytes)
    reader.skipSpace()
    guard reader.value(depth: 0) else { return false }
    reader.skipSpace()
    return reader.index == bytes.count
  }

  private struct Reader {
    let bytes: [UInt8]
    var index = 0

    /// More arrays and objects inside one another than this are refused, as Foundation and
    /// the Python consumer refuse them.
    static let maxDepth = 512

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpace() {
      while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
        index += 1
      }
    }

    mutating func expect(_ text: String) -> Bool {
      for byte in text.utf8 {
        guard current == byte else { return false }
        index += 1
      }
      return true
    }

    mutating func value(depth: Int) -> Bool {
      guard let byte = current else { return false }
      switch byte {
      case UInt8(ascii: "{"):
        return depth < Self.maxDepth && members(closing: "}", keyed: true, depth: depth)
      case UInt8(ascii: "["):
        return depth < Self.maxDepth && members(closing: "]", keyed: false, depth: depth)
      case UInt8(ascii: "\""): return string()
      case UInt8(ascii: "t"): return expect("true")
      case UInt8(ascii: "f"): return expect("false")
      case UInt8(ascii: "n"): return expect("null")
      default: return number()
      }
    }

    /// An object or an array from its opening bracket: nothing or members separated by commas
    /// (for an object each a string, a colon and a value; for an array a value), then the
    /// closing bracket. No comma before the closing bracket.
    mutating func members(closing: String, keyed: Bool, depth: Int) -> Bool {
      index += 1
      skipSpace()
      if expect(closing) { return true }
      while true {
        if keyed {
          guard string() else { return false }
          skipSpace()
          guard expect(":") else { return false }
          skipSpace()
        }
        guard value(depth: depth + 1) else { return false }
        skipSpace()
        guard expect(",") else { return expect(closing) }
        skipSpace()
      }
    }

    /// A string: no control characters, only JSON's escapes. UTF-8 is checked by the parser.
    mutating func string() -> Bool {
      guard expect("\"") else { return false }
      while let byte = current {
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return true
        case 0x00..<0x20: return false
        case UInt8(ascii: "\\"):
          guard let escaped = current else { return false }
          index += 1
          if escaped == UInt8(ascii: "u") {
            for _ in 0..<4 {
              guard let digit = current, digit.isHexDigit else { return false }
              index += 1
            }
          } else if !"\"\\/bfnrt".utf8.contains(escaped) {
            return false
          }
        default: continue
        }
      }
      return false
    }

    /// `-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?`
    mutating func number() -> Bool {
      if current == UInt8(ascii: "-") { index += 1 }
      if current == UInt8(ascii: "0") {
        index += 1
      } else {
        guard digits() else { return false }
      }
      if current == UInt8(ascii: ".") {
        index += 1
        guard digits() else { return false }
      }
      if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
        index += 1
        if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
        guard digits() else { return false }
      }
      return true
    }

    /// One or more decimal digits.
    mutating func digits() -> Bool {
      let start = index
      while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
      return index > start
    }
  }
}

extension UInt8 {
  fileprivate var isHexDigit: Bool {
    (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
  }
}
