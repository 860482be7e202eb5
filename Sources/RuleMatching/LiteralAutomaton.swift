import LogRules

/// Finds every occurrence of a fixed set of byte strings in one pass (Aho-Corasick, as a dense
/// table so the inner loop is two loads per byte).
///
/// The table has a column per byte class, not per byte: bytes that occur in no literal share
/// one class. With a few hundred literals that keeps the table about a third of the size of a
/// 256-column one, so it is built faster, takes less memory and stays in cache longer.
package struct LiteralAutomaton: Sendable {
  /// `classes[byte]` is the byte's column; 0 for the bytes no literal holds.
  private let classes: [UInt16]
  private let classCount: Int
  /// `transitions[state * classCount + class]` is the next state.
  private let transitions: [Int32]
  /// The literal indices that end at each state, following failure links:
  /// `outputs[outputStarts[state]..<outputStarts[state + 1]]`, flat so that reading them takes
  /// no reference counting.
  private let outputs: [Int32]
  private let outputStarts: [Int32]
  /// Whether a state ends any literal; keeps the inner loop to one array read.
  private let accepting: [Bool]
  /// How many literals there are (the size of a ``LiteralHits``).
  package let literalCount: Int

  init(_ literals: [[UInt8]]) {
    literalCount = literals.count
    var classes = [UInt16](repeating: 0, count: 256)
    var next: UInt16 = 1
    for byte in Set(literals.joined()).sorted() {
      classes[Int(byte)] = next
      next += 1
    }
    let width = Int(next)
    // The trie first: -1 marks a missing edge, filled in from the failure links below.
    var table = [Int32](repeating: -1, count: width)
    // At most one state per literal byte: reserved once, the table is never copied as it grows.
    table.reserveCapacity((literals.reduce(0) { $0 + $1.count } + 1) * width)
    var ends: [[Int32]] = [[]]
    for (index, literal) in literals.enumerated() where !literal.isEmpty {
      var state = 0
      for byte in literal {
        let slot = state * width + Int(classes[Int(byte)])
        if table[slot] >= 0 {
          state = Int(table[slot])
        } else {
          let added = ends.count
          table.append(contentsOf: repeatElement(-1, count: width))
          ends.append([])
          table[slot] = Int32(added)
          state = added
        }
      }
      ends[state].append(Int32(index))
    }
    var failure = [Int](repeating: 0, count: ends.count)
    var queue: [Int] = []
    for column in 0..<width {
      let child = table[column]
      if child >= 0 {
        queue.append(Int(child))
      } else {
        table[column] = 0
      }
    }
    var head = 0
    while head < queue.count {
      let state = queue[head]
      head += 1
      ends[state] += ends[failure[state]]
      for column in 0..<width {
        let slot = state * width + column
        let fallback = table[failure[state] * width + column]
        if table[slot] >= 0 {
          failure[Int(table[slot])] = Int(fallback)
          queue.append(Int(table[slot]))
        } else {
          table[slot] = fallback
        }
      }
    }
    self.classes = classes
    classCount = width
    transitions = table
    outputs = Array(ends.joined())
    var starts: [Int32] = [0]
    starts.reserveCapacity(ends.count + 1)
    for list in ends { starts.append(starts.last! + Int32(list.count)) }
    outputStarts = starts
    accepting = ends.map { !$0.isEmpty }
  }

  /// The literals that occur in `bytes` (one line, read whole once the prefilter has pointed
  /// at it).
  package func literals(in bytes: UnsafeBufferPointer<UInt8>) -> LiteralHits {
    var found = LiteralHits(count: literalCount)
    let width = classCount
    classes.withUnsafeBufferPointer { classes in
      transitions.withUnsafeBufferPointer { table in
        accepting.withUnsafeBufferPointer { accepting in
          outputs.withUnsafeBufferPointer { outputs in
            outputStarts.withUnsafeBufferPointer { starts in
              var state = 0
              for byte in bytes {
                state = Int(table[state &* width &+ Int(classes[Int(byte)])])
                if accepting[state] {
                  for index in Int(starts[state])..<Int(starts[state &+ 1]) {
                    found.insert(outputs[index])
                  }
                }
              }
            }
          }
        }
      }
    }
    return found
  }
}

/// The literals found on one line, as a set of literal indices (one bit each).
package struct LiteralHits: Sendable, Equatable, Sequence {
  private var words: [UInt64]

  /// An empty set for literal indices `0..<count`.
  package init(count: Int) {
    words = [UInt64](repeating: 0, count: (count + 63) / 64)
  }

  /// Whether no literal was found.
  package var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

  /// Whether literal `index` was found; false for an index outside the set.
  package func contains(_ index: Int32) -> Bool {
    let word = Int(index) >> 6
    return index >= 0 && word < words.count && words[word] & (1 << UInt64(index & 63)) != 0
  }

  /// Records literal `index`.
  package mutating func insert(_ index: Int32) {
    words[Int(index) >> 6] |= 1 << UInt64(index & 63)
  }

  /// The literals found, in increasing order.
  package func makeIterator() -> Iterator { Iterator(words: words) }

  /// Walks the set bits, word by word.
  package struct Iterator: IteratorProtocol {
    fileprivate let words: [UInt64]
    private var word = 0
    private var rest: UInt64 = 0

    fileprivate init(words: [UInt64]) {
      self.words = words
      rest = words.first ?? 0
    }

    package mutating func next() -> Int32? {
      while rest == 0 {
        word += 1
        guard word < words.count else { return nil }
        rest = words[word]
      }
      let bit = rest.trailingZeroBitCount
      rest &= rest - 1
      return Int32(word * 64 + bit)
    }
  }
}
