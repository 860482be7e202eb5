import Foundation
import KnowledgeBase
import LogRules

/// A finding for one line: which problem, by which rule, and the fields seen on it.
public struct LineMatch: Sendable, Equatable {
  /// The id of the problem found, one of ``RuleSet/problems``.
  public var problem: String
  /// The id of the rule that won the line (`signature_invalid.form`).
  public var rule: String
  /// What the winning rule recognised the problem by.
  public var basis: Basis
  /// Field values by name: the winning rule's captures, the extractors' and derived fields, the
  /// layout's fields (of the line or its entry) and `product` when it could be told.
  public var fields: [String: String]
}

/// What the first line of a log entry tells the lines that continue it (stack frames,
/// `Caused by:`, a wrapped payload): the fields its layout captured and the product the layout
/// names.
public struct EntryFields: Sendable, Equatable {
  /// The values the layout's capture groups gave, by field name (`log_time`, `logger`, ...).
  public var fields: [String: String]
  /// The product only this layout is written by, or nil when several products write it.
  public var product: String?

  /// The fields and product of an entry's first line, as its layout gave them.
  public init(fields: [String: String], product: String?) {
    self.fields = fields
    self.product = product
  }
}

/// Which regular-expression engine a ``RuleMatcher`` runs.
public enum MatchEngine: Sendable {
  /// PCRE2 with its JIT, on the line's UTF-8 bytes: what `lookup` scans with.
  case bytes
  /// Another engine on the decoded line: a reference the tests compare with (the
  /// TestSupport module's ICU engine).
  case text(any TextPatternEngine)

  var readsText: Bool {
    if case .text = self { return true }
    return false
  }
}

/// An engine that compiles patterns to run on a line's decoded text.
public protocol TextPatternEngine: Sendable {
  /// Compiles `pattern`, or throws naming what is outside the portable subset or does not
  /// compile.
  func compile(_ pattern: String) throws(RegexProblem) -> any TextPattern
}

/// A pattern compiled by a ``TextPatternEngine``.
public protocol TextPattern: Sendable {
  /// The pattern as written.
  var pattern: String { get }
  /// Number of capture groups.
  var groupCount: Int { get }
  /// Capture groups of the first match in `text` (group 0 the whole match, nil for a group
  /// that did not take part), or nil when there is no match.
  func firstMatch(in text: String) -> [String?]?
}

/// One pattern compiled by the matcher's engine.
enum CompiledPattern: Sendable {
  case bytes(ByteRegex)
  case text(any TextPattern)

  var groupCount: Int {
    switch self {
    case .bytes(let regex): regex.groupCount
    case .text(let regex): regex.groupCount
    }
  }

  var pattern: String {
    switch self {
    case .bytes(let regex): regex.pattern
    case .text(let regex): regex.pattern
    }
  }

  /// Capture groups of the first match (nil for a group that did not take part), or nil.
  func firstMatch(in line: LineText, scratch: MatchScratch) -> [String?]? {
    switch self {
    case .text(let regex):
      return regex.firstMatch(in: line.string)
    case .bytes(let regex):
      guard regex.matches(line.bytes, scratch: scratch) else { return nil }
      return (0...regex.groupCount).map { index in
        scratch.group(index).map { range in
          String(decoding: UnsafeBufferPointer(rebasing: line.bytes[range]), as: UTF8.self)
        }
      }
    }
  }

  /// Whether the pattern matches, without reading its groups.
  func matches(_ line: LineText, scratch: MatchScratch) -> Bool {
    switch self {
    case .text(let regex): regex.firstMatch(in: line.string) != nil
    case .bytes(let regex): regex.matches(line.bytes, scratch: scratch)
    }
  }
}

/// A line as the patterns read it: valid UTF-8 bytes (invalid sequences replaced with U+FFFD,
/// as `String(decoding:as:)` does, so that both engines see the same text) and, for a text
/// engine, the decoded text.
struct LineText {
  let bytes: UnsafeBufferPointer<UInt8>
  let text: String?

  var string: String { text ?? String(decoding: bytes, as: UTF8.self) }

  /// Calls `body` with `raw` (one line, without its line feed) as `engine` reads it.
  static func with<Result>(
    _ raw: UnsafeBufferPointer<UInt8>, engine: MatchEngine, _ body: (LineText) -> Result
  ) -> Result {
    if engine.readsText {
      return body(LineText(bytes: raw, text: String(decoding: raw, as: UTF8.self)))
    }
    if Self.isValidUTF8(raw) { return body(LineText(bytes: raw, text: nil)) }
    var repaired = Array(String(decoding: raw, as: UTF8.self).utf8)
    return repaired.withUnsafeMutableBufferPointer { buffer in
      body(LineText(bytes: UnsafeBufferPointer(buffer), text: nil))
    }
  }

  /// ASCII is checked eight bytes at a time; other lines are decoded and compared.
  static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    var index = 0
    var high: UInt64 = 0
    while bytes.count - index >= 8 {
      high |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      index += 8
    }
    while index < bytes.count {
      high |= UInt64(bytes[index])
      index += 1
    }
    if high & 0x8080_8080_8080_8080 == 0 { return true }
    return String(decoding: bytes, as: UTF8.self).utf8.elementsEqual(bytes)
  }
}

/// A rule set compiled for matching: regular expressions built, literals in one automaton.
public struct RuleMatcher: Sendable {
  /// The rule set this matcher applies.
  public let ruleSet: RuleSet
  /// The engine every pattern of this matcher is compiled by.
  public let engine: MatchEngine
  private let rules: [CompiledRule]
  private let extractors: [CompiledExtractor]
  private let layouts: [(layout: LineLayout, regex: CompiledPattern)]
  /// All layouts as one expression, tried once per line, when each is anchored at the start
  /// (then the first alternative that matches is the first layout that matches).
  private let combinedLayouts: (regex: CompiledPattern, groupOffsets: [Int])?
  /// The fixed start of each layout, checked on a line's bytes before any layout runs.
  private let layoutShapes: [LayoutShape]
  package let automaton: LiteralAutomaton
  /// Skips bytes that cannot start a literal; nil when a literal is too short for it. Reads
  /// short inputs (a pasted line), where compiling ``literalDatabase`` would cost more.
  package let prefilter: LiteralPrefilter?
  /// The rules' trigger literals for Vectorscan, compiled when a large block is first read.
  package let literalDatabase: LiteralDatabase
  /// For each literal, the rules that need it.
  private let rulesByLiteral: [[Int]]
  /// Applied to a line before any rule, extractor or layout reads it.
  let normalisation: Normalisation
  /// A finding's line that one of these matches is another system's failure.
  private let exclusions: [CompiledPattern]
  /// All exclusions as one alternation, so that a finding's line is read once to learn whether
  /// any of them matches; nil when they cannot be joined (then each is tried).
  private let anyExclusion: CompiledPattern?

  // Classes, not structs: the match loop reads them with one reference count instead of one
  // per string and array they hold.
  private final class CompiledRule: Sendable {
    let rule: Rule
    let regex: CompiledPattern
    let literals: [Int32]
    let order: Int

    init(rule: Rule, regex: CompiledPattern, literals: [Int32], order: Int) {
      self.rule = rule
      self.regex = regex
      self.literals = literals
      self.order = order
    }
  }

  private final class CompiledExtractor: Sendable {
    let extractor: FieldExtractor
    let regex: CompiledPattern
    /// The automaton's index of the extractor's literal; nil when it has none.
    let literal: Int32?

    init(extractor: FieldExtractor, regex: CompiledPattern, literal: Int32?) {
      self.extractor = extractor
      self.regex = regex
      self.literal = literal
    }
  }

  /// Compiles every pattern of `ruleSet` with `engine`; throws ``RuleSetError`` naming the
  /// first rule, extractor or layout that is invalid. With `jit` false, PCRE2 interprets the
  /// patterns instead of compiling them to machine code: for a few pasted lines, where the
  /// compilation costs more than it saves. Findings are the same either way.
  public init(_ ruleSet: RuleSet, engine: MatchEngine = .bytes, jit: Bool = true)
    throws(RuleSetError)
  {
    try ruleSet.check()
    self.ruleSet = ruleSet
    self.engine = engine
    func compile(_ pattern: String, kind: String, id: String) throws(RuleSetError)
      -> CompiledPattern
    {
      try RuleMatcher.compile(pattern, kind: kind, id: id, engine: engine, jit: jit)
    }
    var literalIndex: [String: Int32] = [:]
    var literalBytes: [[UInt8]] = []
    func register(_ literal: String) -> Int32 {
      if let id = literalIndex[literal] { return id }
      let id = Int32(literalBytes.count)
      literalIndex[literal] = id
      literalBytes.append(Array(literal.utf8))
      return id
    }
    var compiled: [CompiledRule] = []
    for (order, rule) in ruleSet.rules.enumerated() {
      let regex = try compile(rule.pattern, kind: "rule", id: rule.id)
      if regex.groupCount < rule.captures.count {
        throw RuleSetError.invalidPattern(
          kind: "rule", id: rule.id,
          reason:
            "names \(rule.captures.count) captures but the pattern has \(regex.groupCount) groups")
      }
      let ids = rule.literals.map(register)
      compiled.append(CompiledRule(rule: rule, regex: regex, literals: ids, order: order))
    }
    normalisation = Normalisation(steps: ruleSet.normalisation)
    // The triggers join the literals so that the prefilters pass the lines that hold them.
    for trigger in normalisation.triggers { _ = register(trigger) }
    // Strongest first (basis, then priority, then the order listed), so that the first rule
    // that matches a line is the one that explains it and the rest are not tried.
    compiled.sort {
      $0.rule.outranks($1.rule) || (!$1.rule.outranks($0.rule) && $0.order < $1.order)
    }
    var byLiteral = Array(repeating: [Int](), count: literalBytes.count)
    for (index, rule) in compiled.enumerated() {
      if let first = rule.literals.first { byLiteral[Int(first)].append(index) }
    }
    rules = compiled
    rulesByLiteral = byLiteral
    // Only rule literals decide which lines are read; the automaton also finds the extractors'
    // literals so that a matched line is searched once.
    prefilter = LiteralPrefilter(literalBytes)
    literalDatabase = LiteralDatabase(rules: ruleSet.rules, extra: normalisation.triggers)
    extractors = try ruleSet.extractors.map { (extractor) throws(RuleSetError) in
      let regex = try compile(extractor.pattern, kind: "extractor", id: extractor.field)
      if let group = extractor.groups.max(), group > regex.groupCount {
        throw .invalidPattern(
          kind: "extractor", id: extractor.field, reason: "the pattern has no group \(group)")
      }
      return CompiledExtractor(
        extractor: extractor, regex: regex,
        literal: extractor.literal.isEmpty ? nil : register(extractor.literal))
    }
    automaton = LiteralAutomaton(literalBytes)
    let compiledLayouts = try ruleSet.layouts.map { (layout) throws(RuleSetError) in
      (layout, try compile(layout.pattern, kind: "layout", id: layout.id))
    }
    layouts = compiledLayouts
    exclusions = try ruleSet.exclusions.map { (exclusion) throws(RuleSetError) in
      try compile(exclusion.pattern, kind: "exclusion", id: exclusion.id)
    }
    anyExclusion = RuleMatcher.alternation(of: exclusions, engine: engine, jit: jit)
    combinedLayouts = RuleMatcher.combine(compiledLayouts.map(\.1), engine: engine, jit: jit)
    layoutShapes = ruleSet.layouts.map { LayoutShape(pattern: $0.pattern) }
  }

  /// `(?:(A)|(B)|...)`, with the group number of each wrapper; nil unless every pattern starts
  /// with `^` and the whole compiles.
  private static func combine(_ patterns: [CompiledPattern], engine: MatchEngine, jit: Bool) -> (
    CompiledPattern, [Int]
  )? {
    guard patterns.count > 1, patterns.allSatisfy({ $0.pattern.hasPrefix("^") }) else { return nil }
    var offsets: [Int] = []
    var next = 1
    for pattern in patterns {
      offsets.append(next)
      next += 1 + pattern.groupCount
    }
    let alternatives = patterns.map { "(\($0.pattern))" }.joined(separator: "|")
    guard
      let regex = try? compile(
        "(?:\(alternatives))", kind: "layout", id: "", engine: engine, jit: jit)
    else { return nil }
    return (regex, offsets)
  }

  /// `(?:A)|(?:B)|...`: matches where one of `patterns` does. Nil for fewer than two patterns
  /// or when one holds a backreference (joining would renumber its groups).
  private static func alternation(
    of patterns: [CompiledPattern], engine: MatchEngine, jit: Bool
  ) -> CompiledPattern? {
    guard patterns.count > 1,
      !patterns.contains(where: { $0.pattern.contains(/\\[1-9]/) })
    else { return nil }
    let joined = patterns.map { "(?:\($0.pattern))" }.joined(separator: "|")
    return try? compile(joined, kind: "exclusion", id: "", engine: engine, jit: jit)
  }

  /// Both engines check the portable subset first, so that they refuse the same patterns
  /// with the same messages.
  private static func compile(
    _ pattern: String, kind: String, id: String, engine: MatchEngine, jit: Bool
  ) throws(RuleSetError) -> CompiledPattern {
    do throws(RegexProblem) {
      switch engine {
      case .text(let textEngine): return .text(try textEngine.compile(pattern))
      case .bytes:
        if let reason = PortableSubset.nonPortableConstruct(in: pattern) {
          throw RegexProblem(pattern: pattern, reason: reason)
        }
        return .bytes(try ByteRegex(pattern, jit: jit))
      }
    } catch {
      throw .invalidPattern(kind: kind, id: id, reason: error.reason)
    }
  }

  /// Explains one line (without its line feed), or returns nil when no rule matches. `entry`
  /// is what the line's entry began with (``entryFields(of:)`` of the nearest earlier line that
  /// starts an entry); it gives the line's fields when no layout matches the line itself.
  public func match(line: String, source: String? = nil, entry: EntryFields? = nil) -> LineMatch? {
    var bytes = Array(line.utf8)
    let scratch = MatchScratch()
    return bytes.withUnsafeMutableBufferPointer { buffer in
      let raw = UnsafeBufferPointer(buffer)
      let found = automaton.literals(in: raw)
      guard let partial = partialMatch(raw, literals: found, scratch: scratch) else { return nil }
      return complete(partial, entry: partial.ownEntry ?? entry, source: source)
    }
  }

  /// The exclusions whose patterns match `line` (normalised first): the failures of other
  /// systems it reads as, so that a reader can be told why it gave no finding.
  public func unrelatedFailures(in line: String) -> [Exclusion] {
    var bytes = Array(line.utf8)
    let scratch = MatchScratch()
    return bytes.withUnsafeMutableBufferPointer { buffer in
      normalisation.reading(UnsafeBufferPointer(buffer)) { normal in
        LineText.with(normal, engine: engine) { text in
          zip(ruleSet.exclusions, exclusions).filter { $0.1.matches(text, scratch: scratch) }
            .map(\.0)
        }
      }
    }
  }

  /// The fields of the first layout that matches `line` (without its line feed): the line
  /// starts an entry. Nil when no layout matches: the line continues the entry before it.
  public func entryFields(of line: String) -> EntryFields? {
    var bytes = Array(line.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer in
      entryFields(ofBytes: UnsafeBufferPointer(buffer), scratch: MatchScratch())
    }
  }

  /// ``entryFields(of:)`` for a line's bytes as read (a final carriage return is dropped).
  package func entryFields(ofBytes bytes: UnsafeBufferPointer<UInt8>, scratch: MatchScratch)
    -> EntryFields?
  {
    var count = bytes.count
    if count > 0 && bytes[count - 1] == 0x0D { count -= 1 }
    return normalisation.reading(UnsafeBufferPointer(rebasing: bytes[0..<count])) { line in
      guard mayStartEntry(line) else { return nil }
      return LineText.with(line, engine: engine) { entryFields($0, scratch: scratch) }
    }
  }

  /// False when no layout can match `line`, from its first bytes alone.
  func mayStartEntry(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    !layoutShapes.isEmpty && layoutShapes.contains { $0.admits(line) }
  }

  /// A line's finding before its entry is known: the rule, the fields of the line itself, and
  /// the layout the line matches, if any (then it needs no entry).
  package struct PartialMatch: Sendable {
    package var problem: String
    package var rule: String
    package var basis: Basis
    package var fields: [String: String]
    package var ownEntry: EntryFields?
  }

  /// Explains a line's bytes (without line feed or final carriage return) whose literals were
  /// already found by the automaton, up to its entry; nil when no rule matches.
  package func partialMatch(
    _ raw: UnsafeBufferPointer<UInt8>, literals: LiteralHits, scratch: MatchScratch
  ) -> PartialMatch? {
    // Prefixes (quote markers, bullets, gutters) only matter to anchored patterns, escapes
    // only where a trigger was seen; other lines are read as they are.
    guard let normal = normalisation.apply(raw) else {
      return partialMatchNormalised(raw, literals: literals, scratch: scratch)
    }
    // The literals the escapes hid are found again on the normalised line.
    return normal.withUnsafeBufferPointer { normal in
      partialMatchNormalised(normal, literals: automaton.literals(in: normal), scratch: scratch)
    }
  }

  private func partialMatchNormalised(
    _ raw: UnsafeBufferPointer<UInt8>, literals: LiteralHits, scratch: MatchScratch
  ) -> PartialMatch? {
    var candidates: [Int] = []
    for literal in literals where Int(literal) < rulesByLiteral.count {
      candidates += rulesByLiteral[Int(literal)]
    }
    guard !candidates.isEmpty else { return nil }
    candidates.sort()  // rules are kept strongest first
    return LineText.with(raw, engine: engine) { text in
      var best: (rule: CompiledRule, groups: [String?])?
      for index in candidates {
        let rule = rules[index]
        guard rule.literals.allSatisfy(literals.contains) else { continue }
        if let groups = rule.regex.firstMatch(in: text, scratch: scratch) {
          best = (rule, groups)
          break
        }
      }
      guard let (rule, groups) = best,
        !excluded(text, scratch: scratch)
      else { return nil }
      var fields: [String: String] = [:]
      for (index, name) in rule.rule.captures.enumerated() where !name.isEmpty {
        if index + 1 < groups.count, let value = groups[index + 1] { fields[name] = value }
      }
      extractFields(from: text, literals: literals, scratch: scratch, into: &fields)
      return PartialMatch(
        problem: rule.rule.problem, rule: rule.rule.id, basis: rule.rule.basis, fields: fields,
        ownEntry: entryFields(text, scratch: scratch))
    }
  }

  /// Whether an exclusion matches `text`: the line is another system's failure.
  private func excluded(_ text: LineText, scratch: MatchScratch) -> Bool {
    if let anyExclusion { return anyExclusion.matches(text, scratch: scratch) }
    return exclusions.contains { $0.matches(text, scratch: scratch) }
  }

  /// The finding once the layout of its line, or else of its entry, is known.
  package func complete(_ partial: PartialMatch, entry: EntryFields?, source: String?) -> LineMatch
  {
    var fields = partial.fields
    identifyProduct(layout: entry, source: source, fields: &fields)
    return LineMatch(
      problem: partial.problem, rule: partial.rule, basis: partial.basis, fields: fields)
  }

  private func extractFields(
    from line: LineText, literals: LiteralHits, scratch: MatchScratch,
    into fields: inout [String: String]
  ) {
    for compiled in extractors where fields[compiled.extractor.field] == nil {
      guard compiled.literal.map(literals.contains) ?? true,
        let groups = compiled.regex.firstMatch(in: line, scratch: scratch)
      else { continue }
      let texts = compiled.extractor.groups.compactMap { $0 < groups.count ? groups[$0] : nil }
      guard texts.count == compiled.extractor.groups.count,
        let value = compiled.extractor.transform.apply(texts), !value.isEmpty
      else { continue }
      fields[compiled.extractor.field] = value
    }
    for derived in ruleSet.derived where fields[derived.field] == nil {
      if let value = derived.function.apply(derived.inputs.map { fields[$0] }) {
        fields[derived.field] = value
      }
    }
  }

  /// The first layout that matches `line`: its captures, and its product.
  private func entryFields(_ line: LineText, scratch: MatchScratch) -> EntryFields? {
    if let (regex, offsets) = combinedLayouts {
      guard let groups = regex.firstMatch(in: line, scratch: scratch),
        let which = offsets.firstIndex(where: { $0 < groups.count && groups[$0] != nil })
      else { return nil }
      let layout = layouts[which].layout
      var fields: [String: String] = [:]
      for (index, name) in layout.captures.enumerated() {
        let group = offsets[which] + 1 + index
        if group < groups.count, let value = groups[group], fields[name] == nil {
          fields[name] = value
        }
      }
      return EntryFields(fields: fields, product: layout.product)
    }
    for (layout, regex) in layouts {
      guard let groups = regex.firstMatch(in: line, scratch: scratch) else { continue }
      var fields: [String: String] = [:]
      for (index, name) in layout.captures.enumerated() where index + 1 < groups.count {
        if let value = groups[index + 1], fields[name] == nil { fields[name] = value }
      }
      return EntryFields(fields: fields, product: layout.product)
    }
    return nil
  }

  /// The layout of the line, or else of the entry it continues, gives the fields it captures
  /// and names the product where only one product writes it; otherwise the logger's package,
  /// then the file name, decide.
  private func identifyProduct(
    layout: EntryFields?, source: String?, fields: inout [String: String]
  ) {
    var product: String?
    if let layout {
      for (name, value) in layout.fields where fields[name] == nil { fields[name] = value }
      product = layout.product
    }
    if product == nil, let logger = fields["logger"] {
      product =
        ruleSet.products.first { info in
          info.loggerPrefixes.contains { logger.utf8.starts(with: $0.utf8) }
        }?.id
    }
    if product == nil, let source {
      // Bytes, not characters: a combining mark must not join the name to its folder.
      let name =
        source.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).last
        .map(Array.init) ?? Array(source.utf8)
      product =
        ruleSet.products.first { info in
          info.logFilePrefixes.contains { name.starts(with: $0.utf8) }
        }?.id
    }
    if let product { fields["product"] = product }
  }
}
