import LogRules

/// The fixed start of an anchored layout pattern, one set of ASCII bytes per position, so that a
/// line whose first bytes cannot begin a match is passed over without running the regular
/// expression (`^([0-9]{4}-[0-9]{2}` gives ten positions: four digits, `-`, two digits...).
///
/// Only what the pattern requires is kept: the shape stops before the first construct it does
/// not read exactly (an alternation, an optional or repeated part, a negated class, anything
/// outside ASCII), so every line the pattern matches passes ``admits(_:)``.
struct LayoutShape: Sendable, Equatable {
  /// 128 bits: which ASCII bytes are allowed at one position.
  struct ByteSet: Sendable, Equatable {
    var low: UInt64 = 0
    var high: UInt64 = 0

    mutating func insert(_ byte: UInt8) {
      if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
    }

    func contains(_ byte: UInt8) -> Bool {
      if byte < 64 { return low & (1 << UInt64(byte)) != 0 }
      return byte < 128 && high & (1 << UInt64(byte - 64)) != 0
    }
  }

  /// Empty when the pattern is not anchored or starts with a construct not read here: then
  /// every line is admitted.
  private(set) var positions: [ByteSet] = []

  /// More positions would not make the check more selective on real lines.
  static let maxPositions = 32

  init(pattern: String) {
    var reader = Reader(Array(pattern.unicodeScalars))
    guard reader.take("^") else { return }
    positions = reader.readSequence()
  }

  /// Whether `line` (its bytes, without the carriage return) may match the pattern.
  func admits(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    guard line.count >= positions.count else { return false }
    for (index, set) in positions.enumerated() where !set.contains(line[index]) { return false }
    return true
  }

  /// Reads the pattern from its start as far as it can.
  private struct Reader {
    let scalars: [Unicode.Scalar]
    var index = 0

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    var next: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    mutating func take(_ scalar: Unicode.Scalar) -> Bool {
      guard next == scalar else { return false }
      index += 1
      return true
    }

    mutating func readSequence() -> [ByteSet] {
      var sets: [ByteSet] = []
      while sets.count < LayoutShape.maxPositions, let scalar = next {
        switch scalar {
        case "(":
          // A group is entered only when it has no alternation of its own and no quantifier.
          guard let close = matchingParenthesis(from: index), !hasAlternation(index, close),
            !isQuantifier(close + 1)
          else { return sets }
          index += scalars[index..<scalars.count].starts(with: ["(", "?", ":"]) ? 3 : 1
        case ")":
          index += 1
        default:
          guard let set = readAtom() else { return sets }
          if take("+") {
            sets.append(set)
            return sets
          }
          guard let count = readExactCount() else { return sets }
          sets += Array(repeating: set, count: min(count, LayoutShape.maxPositions - sets.count))
        }
      }
      return sets
    }

    /// One character or class; nil for anything not read exactly.
    mutating func readAtom() -> ByteSet? {
      guard let scalar = next else { return nil }
      switch scalar {
      case "[":
        index += 1
        return readClass()
      case "\\":
        index += 1
        guard let byte = readEscape() else { return nil }
        var set = ByteSet()
        set.insert(byte)
        return set
      case ".", "^", "$", "|", "*", "+", "?", "{", "}", "]":
        return nil
      default:
        guard scalar.isASCII else { return nil }
        index += 1
        var set = ByteSet()
        set.insert(UInt8(scalar.value))
        return set
      }
    }

    /// The members of a class after its `[`, up to its `]`.
    mutating func readClass() -> ByteSet? {
      guard next != "^" else { return nil }
      var set = ByteSet()
      var first = true
      while let scalar = next {
        if scalar == "]" && !first {
          index += 1
          return set
        }
        first = false
        guard let low = readClassMember() else { return nil }
        var high = low
        if next == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
          index += 1
          guard let end = readClassMember(), end >= low else { return nil }
          high = end
        }
        for byte in low...high { set.insert(byte) }
      }
      return nil
    }

    mutating func readClassMember() -> UInt8? {
      guard let scalar = next else { return nil }
      index += 1
      if scalar == "\\" { return readEscape() }
      return scalar.isASCII ? UInt8(scalar.value) : nil
    }

    /// The byte an escape after its backslash stands for: punctuation as itself, `\t` a tab.
    mutating func readEscape() -> UInt8? {
      guard let scalar = next else { return nil }
      index += 1
      if scalar == "t" { return 0x09 }
      let punctuation: Set<Unicode.Scalar> = [
        "[", "]", "(", ")", "{", "}", ".", "*", "+", "?", "^", "$", "|", "\\", "/", "-", ":",
        "\"", "'", " ", "@", "=", ",", "<", ">", "#", "&", "%", "!", "~", "_",
      ]
      return punctuation.contains(scalar) ? UInt8(scalar.value) : nil
    }

    /// `{n}` after an atom gives n; no quantifier gives 1; any other quantifier gives nil.
    mutating func readExactCount() -> Int? {
      guard let scalar = next else { return 1 }
      if scalar == "*" || scalar == "?" { return nil }
      guard scalar == "{" else { return 1 }
      var digits = ""
      var position = index + 1
      while position < scalars.count, ("0"..."9").contains(scalars[position]) {
        digits.unicodeScalars.append(scalars[position])
        position += 1
      }
      guard position < scalars.count, scalars[position] == "}", let count = Int(digits) else {
        return nil
      }
      index = position + 1
      return count
    }

    func isQuantifier(_ position: Int) -> Bool {
      guard position < scalars.count else { return false }
      return ["*", "+", "?", "{"].contains(scalars[position])
    }

    /// The `)` that closes the group opened at `open`, skipping escapes and classes.
    func matchingParenthesis(from open: Int) -> Int? {
      var depth = 0
      return PatternScan.firstPlain(in: scalars, from: open) { _, scalar in
        if scalar == "(" { depth += 1 }
        if scalar == ")" { depth -= 1 }
        return scalar == ")" && depth == 0
      }
    }

    /// Whether a `|` stands anywhere inside the group, outside classes (nested groups too:
    /// reading stops at them anyway).
    func hasAlternation(_ open: Int, _ close: Int) -> Bool {
      PatternScan.firstPlain(in: scalars, from: open + 1, to: close) { $1 == "|" } != nil
    }
  }
}
