import LogRules

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finds the next place where any of a set of literals may start, skipping most bytes
/// (Wu-Manber with two-byte blocks). Lines it points at are then read whole by the automaton.
package struct LiteralPrefilter: Sendable {
  /// Length of the shortest literal: the window the shifts are computed for.
  let window: Int
  /// How far the window may move when its last two bytes are this bigram.
  private let shifts: [UInt8]
  /// For bigrams with shift 0, the literals whose window prefix ends with them:
  /// `candidates[offsets[bigram]..<offsets[bigram + 1]]`.
  private let offsets: [Int32]
  private let candidates: [Int32]
  private let literals: [[UInt8]]

  /// Where each literal's key (the `window` bytes the shifts are computed for) starts in it.
  private let keyOffsets: [Int]
  private let maxKeyOffset: Int

  /// Nil when a literal is shorter than two bytes; the caller then reads every line.
  init?(_ literals: [[UInt8]]) {
    let lengths = literals.map(\.count)
    guard let shortest = lengths.min(), shortest >= 2 else { return nil }
    window = min(shortest, 255)
    // Each literal is found by its least common run of `window` bytes: the fewer ordinary
    // bigrams a key holds, the further the search jumps and the less it verifies.
    let keyOffsets = literals.map { Self.rarestKey(in: $0, length: min(shortest, 255)) }
    var shifts = [UInt8](repeating: UInt8(window - 1), count: 65_536)
    var lists = [[Int32]](repeating: [], count: 65_536)
    for (index, literal) in literals.enumerated() {
      let key = keyOffsets[index]
      for position in 1..<window {
        let bigram = Int(literal[key + position - 1]) << 8 | Int(literal[key + position])
        let shift = UInt8(window - 1 - position)
        if shift < shifts[bigram] { shifts[bigram] = shift }
        if shift == 0 { lists[bigram].append(Int32(index)) }
      }
    }
    var offsets: [Int32] = [0]
    var candidates: [Int32] = []
    offsets.reserveCapacity(65_537)
    for list in lists {
      candidates += list
      offsets.append(Int32(candidates.count))
    }
    self.shifts = shifts
    self.offsets = offsets
    self.candidates = candidates
    self.literals = literals
    self.keyOffsets = keyOffsets
    maxKeyOffset = keyOffsets.max() ?? 0
  }

  /// How common a byte is in log text, roughly: lower-case letters and spaces most.
  private static func commonness(_ byte: UInt8) -> Int {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: " "): 4
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "/"): 3
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): 2
    default: 1
    }
  }

  private static func rarestKey(in literal: [UInt8], length: Int) -> Int {
    var best = 0
    var bestScore = Int.max
    for start in 0...(literal.count - length) {
      // The last bigram decides whether the search stops to verify: weigh it most.
      var score = 0
      for position in start..<(start + length) { score += commonness(literal[position]) }
      score +=
        4 * (commonness(literal[start + length - 2]) + commonness(literal[start + length - 1]))
      if score < bestScore {
        bestScore = score
        best = start
      }
    }
    return best
  }

  /// The start of the first literal occurrence in `bytes[from..<to]`, or nil.
  package func firstOccurrence(in bytes: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
    shifts.withUnsafeBufferPointer { shifts in
      offsets.withUnsafeBufferPointer { offsets in
        var end = from + window - 1
        var first: Int?
        // Keys sit at different offsets in their literals, so a literal that starts earlier can
        // end its key later: after a hit, look `maxKeyOffset` further for an earlier start.
        var limit = to
        while end < limit {
          let bigram = Int(bytes[end - 1]) << 8 | Int(bytes[end])
          let shift = Int(shifts[bigram])
          if shift != 0 {
            end += shift
            continue
          }
          let keyStart = end - window + 1
          for slot in Int(offsets[bigram])..<Int(offsets[bigram + 1]) {
            let index = Int(candidates[slot])
            let start = keyStart - keyOffsets[index]
            let literal = literals[index]
            if start >= from && start + literal.count <= to && start < (first ?? Int.max)
              && literal.withUnsafeBufferPointer({ pattern in
                memcmp(bytes + start, pattern.baseAddress!, pattern.count) == 0
              })
            {
              if first == nil { limit = min(to, end + maxKeyOffset + 1) }
              first = start
            }
          }
          end += 1
        }
        return first
      }
    }
  }
}

/// Line feeds, counted eight bytes at a time.
package enum LineFeeds {
  package static func count(in bytes: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
    var total = 0
    var index = from
    let raw = UnsafeRawPointer(bytes)
    let feeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let high: UInt64 = 0x8080_8080_8080_8080
    while to - index >= 8 {
      // Each byte lane of `lanes` counts the line feeds seen at that position, for up to 255
      // words, so no population count is needed per word.
      var lanes: UInt64 = 0
      var rounds = 0
      while rounds < 255 && to - index >= 8 {
        // A byte of `word` is zero exactly where the input holds a line feed; the high bit of
        // each byte of `nonZero` says which bytes are not zero, without carries between bytes.
        let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ feeds
        let nonZero = ((word & low) &+ low) | word
        lanes &+= (~nonZero & high) >> 7
        index &+= 8
        rounds &+= 1
      }
      let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
      total &+= Int((pairs &* 0x0001_0001_0001_0001) >> 48)
    }
    while index < to {
      if bytes[index] == 0x0A { total += 1 }
      index += 1
    }
    return total
  }
}
