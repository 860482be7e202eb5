#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which literal pass finds the lines of a block worth reading.
public enum LiteralPass: Sendable, Equatable {
  /// Vectorscan from the first block of at least `minimumBlock` bytes on (compiling or loading
  /// its database costs more than it saves on a pasted line); the prefilter before that.
  case auto(minimumBlock: Int)
  /// Vectorscan for every block (tests, fuzzing).
  case always
  /// Never Vectorscan: the Wu-Manber prefilter reads every block.
  case never

  /// The default: Vectorscan from blocks of 64 KiB.
  public static let standard = LiteralPass.auto(minimumBlock: 64 * 1024)
}

/// The lines of one block that may hold a rule's literal, one after another.
package struct CandidateLines {
  private enum Source {
    /// An offset inside each line that holds a trigger, in increasing order (Vectorscan).
    case offsets([Int], cursor: Int)
    /// The next literal occurrence, found on demand (Wu-Manber).
    case prefilter(LiteralPrefilter)
    /// Every line: a literal too short for a prefilter.
    case everyLine
  }

  private var source: Source
  private let base: UnsafePointer<UInt8>
  private let end: Int

  fileprivate init(
    offsets: [Int]?, prefilter: LiteralPrefilter?, base: UnsafePointer<UInt8>, end: Int
  ) {
    if let offsets {
      source = .offsets(offsets, cursor: 0)
    } else if let prefilter {
      source = .prefilter(prefilter)
    } else {
      source = .everyLine
    }
    self.base = base
    self.end = end
  }

  /// An offset at or after `position` inside the next line that may hold a literal; nil when
  /// no line of the rest of the block does.
  package mutating func next(from position: Int) -> Int? {
    guard position < end else { return nil }
    switch source {
    case .offsets(let offsets, var cursor):
      while cursor < offsets.count && offsets[cursor] < position { cursor += 1 }
      source = .offsets(offsets, cursor: cursor)
      return cursor < offsets.count ? offsets[cursor] : nil
    case .prefilter(let prefilter):
      return prefilter.firstOccurrence(in: base, from: position, to: end)
    case .everyLine:
      return position
    }
  }
}

/// What one thread needs to explain blocks: match data and, once the literal pass calls for
/// it, a Vectorscan scratch.
package final class ScanTools {
  package let scratch = MatchScratch()
  private let matcher: RuleMatcher
  private let pass: LiteralPass
  private var scanner: LiteralScanner?
  private var tried = false

  package init(matcher: RuleMatcher, pass: LiteralPass) {
    self.matcher = matcher
    self.pass = pass
  }

  /// The lines of `from..<to` that may hold a literal, by the pass the block's size calls for.
  package func candidates(in base: UnsafePointer<UInt8>, from: Int, to: Int) -> CandidateLines {
    let wanted: Bool
    switch pass {
    case .always: wanted = true
    case .never: wanted = false
    case .auto(let minimumBlock): wanted = tried || to - from >= minimumBlock
    }
    if wanted && !tried {
      tried = true
      scanner = LiteralScanner(matcher.literalDatabase)
    }
    let offsets = wanted ? scanner?.lines(in: base, from: from, to: to) : nil
    return CandidateLines(offsets: offsets, prefilter: matcher.prefilter, base: base, end: to)
  }
}
