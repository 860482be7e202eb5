import CPCRE2
import LogRules

/// A pattern of the portable subset compiled by PCRE2 (with its JIT) to match a line's UTF-8
/// bytes: the scan's engine. Code points, not bytes, are what classes and counts see, as in
/// ICU; `\uHHHH` reads as in ICU and JavaScript.
final class ByteRegex: @unchecked Sendable {
  // A compiled and JIT-compiled pattern is read-only; PCRE2 documents it as safe to share
  // between threads, each matching with its own match data (``MatchScratch``).
  private let code: OpaquePointer
  let pattern: String
  let groupCount: Int

  /// Compiles `pattern`, to machine code too when `jit`; the caller has checked the portable
  /// subset.
  init(_ pattern: String, jit: Bool = true) throws(RegexProblem) {
    var errorCode: Int32 = 0
    var errorOffset = 0
    let options = UInt32(
      PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_ALT_BSUX | PCRE2_NEVER_BACKSLASH_C)
    let compiled = pattern.utf8CString.withUnsafeBufferPointer { text in
      text.withMemoryRebound(to: UInt8.self) { bytes in
        pcre2_compile_8(
          bytes.baseAddress, bytes.count - 1, options, &errorCode, &errorOffset, nil)
      }
    }
    guard let compiled else {
      throw RegexProblem(pattern: pattern, reason: "does not compile as a regular expression")
    }
    // Without the JIT (unavailable on some machines) PCRE2 interprets the same pattern.
    if jit { _ = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) }
    var groups: UInt32 = 0
    pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &groups)
    code = compiled
    self.pattern = pattern
    groupCount = Int(groups)
  }

  deinit { pcre2_code_free_8(code) }

  /// Whether the pattern matches somewhere in `line`; on a match, ``MatchScratch/group(_:)``
  /// gives the byte ranges of its groups until the next match with the same scratch.
  func matches(_ line: UnsafeBufferPointer<UInt8>, scratch: MatchScratch) -> Bool {
    var empty: UInt8 = 0
    let result = withUnsafePointer(to: &empty) { placeholder in
      // An empty buffer has no address; PCRE2 10.42 wants one even for no bytes.
      pcre2_match_8(
        code, line.baseAddress ?? placeholder, line.count, 0, 0, scratch.matchData,
        scratch.context)
    }
    scratch.groupsSet = result > 0 ? Int(result) : 0
    return result > 0
  }
}

/// What one thread needs to run ``ByteRegex`` matches: match data for the captures and a JIT
/// stack. Not shared between threads.
package final class MatchScratch {
  fileprivate let matchData: OpaquePointer
  fileprivate let context: OpaquePointer
  private let stack: OpaquePointer
  private let ovector: UnsafeMutablePointer<Int>
  /// Groups (with the whole match) that the last match reported.
  fileprivate var groupsSet = 0

  package init() {
    // 256 pairs is more than any pattern the loader accepts has groups.
    matchData = pcre2_match_data_create_8(256, nil)!
    context = pcre2_match_context_create_8(nil)!
    // Patterns are linear by construction; the stack only bounds pathological rule sets.
    stack = pcre2_jit_stack_create_8(32 * 1024, 8 << 20, nil)!
    pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(stack))
    ovector = pcre2_get_ovector_pointer_8(matchData)
  }

  deinit {
    pcre2_jit_stack_free_8(stack)
    pcre2_match_context_free_8(context)
    pcre2_match_data_free_8(matchData)
  }

  /// The byte range of group `index` (0 is the whole match) of the last match; nil when the
  /// group did not take part.
  func group(_ index: Int) -> Range<Int>? {
    guard index < groupsSet else { return nil }
    let start = ovector[2 * index]
    let end = ovector[2 * index + 1]
    // PCRE2_UNSET, ~0 as size_t.
    guard start != -1, start <= end else { return nil }
    return start..<end
  }
}

/// One pattern checked as `kb check` checks the catalogue's: inside the portable subset and
/// compiled by the scan's own engine, so that what the catalogue publishes `lookup` runs.
public struct CheckedPattern: Sendable {
  private let compiled: CompiledPattern

  /// Checks and compiles `pattern`, or throws naming what is outside the portable subset or
  /// does not compile.
  public init(_ pattern: String) throws(RegexProblem) {
    if let reason = PortableSubset.nonPortableConstruct(in: pattern) {
      throw RegexProblem(pattern: pattern, reason: reason, code: .nonPortablePattern)
    }
    compiled = .bytes(try ByteRegex(pattern, jit: false))
  }

  /// Number of capture groups.
  public var groupCount: Int { compiled.groupCount }

  /// Capture groups of the first match in `text` (group 0 the whole match), or nil.
  public func firstMatch(in text: String) -> [String?]? {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer in
      LineText.with(UnsafeBufferPointer(buffer), engine: .bytes) { line in
        compiled.firstMatch(in: line, scratch: MatchScratch())
      }
    }
  }
}
