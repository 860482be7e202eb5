import LogRules

/// Finds every occurrence of a fixed set of byte strings in one pass (Aho-Corasick, as a
/// dense table so the inner loop is one load per byte).
package struct LiteralAutomaton: Sendable {
  /// `transitions[state * 256 + byte]` is the next state.
  private let transitions: [Int32]
  /// The literal indices that end at each state, following failure links:
  /// `outputs[outputStarts[state]..<outputStarts[state + 1]]`, flat so that reading them takes
  /// no reference counting.
  private let outputs: [Int32]
  private let outputStarts: [Int32]
  /// Whether a state ends any literal; keeps the inner loop to one array read.
  private let accepting: [Bool]

  init(_ literals: [[UInt8]]) {
    var goto: [[Int32]] = [Array(repeating: -1, count: 256)]
    var outputs: [[Int32]] = [[]]
    for (index, literal) in literals.enumerated() where !literal.isEmpty {
      var state = 0
      for byte in literal {
        let next = goto[state][Int(byte)]
        if next >= 0 {
          state = Int(next)
        } else {
          goto.append(Array(repeating: -1, count: 256))
          outputs.append([])
          goto[state][Int(byte)] = Int32(goto.count - 1)
          state = goto.count - 1
        }
      }
      outputs[state].append(Int32(index))
    }
    var failure = Array(repeating: 0, count: goto.count)
    var queue: [Int] = []
    for byte in 0..<256 {
      let next = goto[0][byte]
      if next >= 0 {
        failure[Int(next)] = 0
        queue.append(Int(next))
      } else {
        goto[0][byte] = 0
      }
    }
    var head = 0
    while head < queue.count {
      let state = queue[head]
      head += 1
      outputs[state] += outputs[failure[state]]
      for byte in 0..<256 {
        let next = goto[state][byte]
        if next >= 0 {
          failure[Int(next)] = Int(goto[failure[state]][byte])
          queue.append(Int(next))
        } else {
          goto[state][byte] = goto[failure[state]][byte]
        }
      }
    }
    transitions = goto.flatMap { $0 }
    self.outputs = outputs.flatMap { $0 }
    var starts: [Int32] = [0]
    for list in outputs { starts.append(starts.last! + Int32(list.count)) }
    outputStarts = starts
    accepting = outputs.map { !$0.isEmpty }
  }

  /// Indices of the literals that occur in `bytes` (one line, read whole once the prefilter
  /// has pointed at it).
  package func literals(in bytes: UnsafeBufferPointer<UInt8>) -> Set<Int32> {
    var found: Set<Int32> = []
    transitions.withUnsafeBufferPointer { table in
      accepting.withUnsafeBufferPointer { accepting in
        outputs.withUnsafeBufferPointer { outputs in
          outputStarts.withUnsafeBufferPointer { starts in
            var state = 0
            for byte in bytes {
              state = Int(table[state &* 256 &+ Int(byte)])
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
    return found
  }
}
