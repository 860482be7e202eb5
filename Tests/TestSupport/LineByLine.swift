import LogScanning
import RuleMatching

/// Findings of matching each line on its own with the reference matcher, each line cut at
/// `maxLineBytes`, its entry the nearest earlier line that a layout matches.
public enum LineByLine {
  /// The lines of `input`, split at line feeds, without an empty last one.
  public static func lines(of input: [UInt8]) -> [ArraySlice<UInt8>] {
    var lines = input.split(separator: 0x0A, omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }
    return lines
  }

  /// The findings the reference engine gives `input`, one line at a time.
  public static func findings(
    of input: [UInt8], maxLineBytes: Int = 1 << 20, source: String = "test.log"
  ) -> [Finding] {
    var expected: [Finding] = []
    var entry: EntryFields?
    for (index, line) in lines(of: input).enumerated() {
      var cut = line.prefix(maxLineBytes)
      if cut.last == 0x0D { cut.removeLast() }
      let text = String(decoding: cut, as: UTF8.self)
      defer { entry = referenceMatcher.entryFields(of: text) ?? entry }
      if let match = referenceMatcher.match(line: text, source: source, entry: entry) {
        expected.append(
          Finding(
            problem: match.problem, rule: match.rule, basis: match.basis, source: source,
            line: index + 1,
            text: String(text.prefix(Finding.maxTextLength)), fields: match.fields))
      }
    }
    return expected
  }
}
