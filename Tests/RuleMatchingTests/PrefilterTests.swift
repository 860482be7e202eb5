import TestSupport
import Testing

@testable import LogRules
@testable import LogScanning
@testable import RuleMatching

/// A small deterministic generator, so failures repeat.
private struct SplitMix {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

private func naiveFirst(_ literals: [[UInt8]], in bytes: [UInt8], from: Int, to: Int) -> Int? {
  var best: Int?
  for literal in literals where literal.count <= to - from {
    for start in from...(to - literal.count)
    where Array(bytes[start..<(start + literal.count)]) == literal {
      if best == nil || start < best! { best = start }
      break
    }
  }
  return best
}

@Test func prefilterFindsTheFirstLiteralLikeANaiveSearch() throws {
  let literals = ruleSet.rules.flatMap(\.literals).map { Array($0.utf8) }
  // Sorted: the result must not depend on the order, but a failure should repeat.
  let unique = Array(Set(literals)).sorted { $0.lexicographicallyPrecedes($1) }
  let prefilter = try #require(LiteralPrefilter(unique))
  var random = SplitMix(state: 42)
  let alphabet = Array(
    "abcdefghijklmnopqrstuvwxyz _=\"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.:/\n".utf8)
  for _ in 0..<800 {
    var bytes = (0..<random.below(400)).map { _ in alphabet[random.below(alphabet.count)] }
    for _ in 0..<random.below(3) {
      let literal = unique[random.below(unique.count)]
      let at = random.below(bytes.count + 1)
      // Sometimes a near miss: the literal with its last byte changed.
      var inserted = literal
      if random.below(3) == 0 { inserted[inserted.count - 1] ^= 0x20 }
      bytes.insert(contentsOf: inserted, at: at)
    }
    let from = bytes.isEmpty ? 0 : random.below(bytes.count / 2 + 1)
    let found = bytes.withUnsafeBufferPointer {
      prefilter.firstOccurrence(in: $0.baseAddress!, from: from, to: bytes.count)
    }
    #expect(found == naiveFirst(unique, in: bytes, from: from, to: bytes.count))
  }
}

@Test func lineFeedsAreCountedExactly() {
  var random = SplitMix(state: 7)
  for length in [0, 1, 7, 8, 9, 63, 64, 65, 2_040, 2_041, 5_000] {
    let bytes = (0..<length).map { _ in
      random.below(4) == 0 ? UInt8(0x0A) : UInt8(truncatingIfNeeded: random.next())
    }
    let from = length > 3 ? 3 : 0
    let expected = bytes[from...].filter { $0 == 0x0A }.count
    let counted = bytes.withUnsafeBufferPointer {
      LineFeeds.count(in: $0.baseAddress ?? UnsafePointer(bitPattern: 1)!, from: from, to: length)
    }
    #expect(counted == expected, "length \(length)")
  }
  let allFeeds = [UInt8](repeating: 0x0A, count: 100_000)
  #expect(
    allFeeds.withUnsafeBufferPointer { LineFeeds.count(in: $0.baseAddress!, from: 0, to: 100_000) }
      == 100_000)
}

/// Indices of the literals that occur anywhere in `bytes`, by brute force.
private func naiveLiterals(_ literals: [[UInt8]], in bytes: [UInt8]) -> [Int32] {
  literals.indices.filter { index in
    let literal = literals[index]
    guard !literal.isEmpty, literal.count <= bytes.count else { return false }
    return (0...(bytes.count - literal.count)).contains {
      bytes[$0..<($0 + literal.count)].elementsEqual(literal)
    }
  }.map(Int32.init)
}

@Test func automatonFindsEveryLiteralLikeANaiveSearch() {
  let catalogue = Array(Set(ruleSet.rules.flatMap(\.literals).map { Array($0.utf8) }))
    .sorted { $0.lexicographicallyPrecedes($1) }
  // Every byte value in some literal, so that no byte falls in the shared "other" column, and
  // literals that are prefixes and suffixes of one another.
  let everyByte = stride(from: 0, to: 256, by: 3).map { start in
    (start..<min(start + 3, 256)).map { UInt8($0) }
  }
  let overlapping: [[UInt8]] = [[0x61], [0x61, 0x61], [0x61, 0x62, 0x61], [0x62, 0x61], []]
  var random = SplitMix(state: 11)
  for literals in [catalogue, everyByte + overlapping] {
    let automaton = LiteralAutomaton(literals)
    for _ in 0..<300 {
      var bytes = (0..<random.below(200)).map { _ in UInt8(random.below(256)) }
      for _ in 0..<random.below(4) {
        let literal = literals[random.below(literals.count)]
        bytes.insert(contentsOf: literal, at: random.below(bytes.count + 1))
      }
      let found = bytes.withUnsafeBufferPointer { automaton.literals(in: $0) }
      #expect(Array(found) == naiveLiterals(literals, in: bytes))
      #expect(found.isEmpty == naiveLiterals(literals, in: bytes).isEmpty)
    }
  }
}

@Test func literalHitsHoldExactlyWhatWasInserted() {
  var hits = LiteralHits(count: 130)
  #expect(hits.isEmpty)
  for index: Int32 in [129, 0, 64, 63, 65] { hits.insert(index) }
  #expect(Array(hits) == [0, 63, 64, 65, 129])
  #expect(hits.contains(64) && !hits.contains(62) && !hits.contains(130) && !hits.contains(-1))
  #expect(Array(LiteralHits(count: 0)).isEmpty)
}
