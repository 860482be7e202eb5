import Foundation

/// A finding for one line: which problem, by which rule, and the fields seen on it.
public struct LineMatch: Sendable, Equatable {
  public var problem: String
  public var rule: String
  public var fields: [String: String]
}

/// What the first line of a log entry tells the lines that continue it (stack frames,
/// `Caused by:`, a wrapped payload): the fields its layout captured and the product the layout
/// names.
public struct EntryFields: Sendable, Equatable {
  public var fields: [String: String]
  public var product: String?

  public init(fields: [String: String], product: String?) {
    self.fields = fields
    self.product = product
  }
}

/// A rule set compiled for matching: regular expressions built, literals in one automaton.
public struct RuleMatcher: Sendable {
  public let ruleSet: RuleSet
  private let rules: [CompiledRule]
  private let extractors: [CompiledExtractor]
  private let layouts: [(layout: LineLayout, regex: PortableRegex)]
  /// All layouts as one expression, tried once per line, when each is anchored at the start
  /// (then the first alternative that matches is the first layout that matches).
  private let combinedLayouts: (regex: PortableRegex, groupOffsets: [Int])?
  /// The fixed start of each layout, checked on a line's bytes before any layout runs.
  private let layoutShapes: [LayoutShape]
  let automaton: LiteralAutomaton
  /// Skips bytes that cannot start a literal; nil when a literal is too short for it.
  let prefilter: LiteralPrefilter?
  /// For each literal, the rules that need it.
  private let rulesByLiteral: [[Int]]

  private struct CompiledRule: Sendable {
    var rule: Rule
    var regex: PortableRegex
    var literals: [Int32]
    var order: Int
  }

  private struct CompiledExtractor: Sendable {
    var extractor: FieldExtractor
    var regex: PortableRegex
    /// The automaton's index of the extractor's literal; nil when it has none.
    var literal: Int32?
  }

  /// Compiles every pattern of `ruleSet`; throws ``RuleSetError`` naming the first rule,
  /// extractor or layout that is invalid.
  public init(_ ruleSet: RuleSet) throws(RuleSetError) {
    try ruleSet.check()
    self.ruleSet = ruleSet
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
      let regex = try RuleMatcher.compile(rule.pattern, kind: "rule", id: rule.id)
      if regex.groupCount < rule.captures.count {
        throw RuleSetError.invalidPattern(
          kind: "rule", id: rule.id,
          reason:
            "names \(rule.captures.count) captures but the pattern has \(regex.groupCount) groups")
      }
      let ids = rule.literals.map(register)
      compiled.append(CompiledRule(rule: rule, regex: regex, literals: ids, order: order))
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
    extractors = try ruleSet.extractors.map { (extractor) throws(RuleSetError) in
      let regex = try RuleMatcher.compile(extractor.pattern, kind: "extractor", id: extractor.field)
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
      (layout, try RuleMatcher.compile(layout.pattern, kind: "layout", id: layout.id))
    }
    layouts = compiledLayouts
    combinedLayouts = RuleMatcher.combine(compiledLayouts.map(\.1))
    layoutShapes = ruleSet.layouts.map { LayoutShape(pattern: $0.pattern) }
  }

  /// `(?:(A)|(B)|...)`, with the group number of each wrapper; nil unless every pattern starts
  /// with `^` and the whole compiles.
  private static func combine(_ patterns: [PortableRegex]) -> (PortableRegex, [Int])? {
    guard patterns.count > 1, patterns.allSatisfy({ $0.pattern.hasPrefix("^") }) else { return nil }
    var offsets: [Int] = []
    var next = 1
    for pattern in patterns {
      offsets.append(next)
      next += 1 + pattern.groupCount
    }
    let alternatives = patterns.map { "(\($0.pattern))" }.joined(separator: "|")
    guard let regex = try? PortableRegex("(?:\(alternatives))") else { return nil }
    return (regex, offsets)
  }

  private static func compile(_ pattern: String, kind: String, id: String) throws(RuleSetError)
    -> PortableRegex
  {
    do { return try PortableRegex(pattern) } catch {
      throw .invalidPattern(kind: kind, id: id, reason: error.reason)
    }
  }

  /// Explains one line (without its line feed), or returns nil when no rule matches. `entry`
  /// is what the line's entry began with (``entryFields(of:)`` of the nearest earlier line that
  /// starts an entry); it gives the line's fields when no layout matches the line itself.
  public func match(line: String, source: String? = nil, entry: EntryFields? = nil) -> LineMatch? {
    var bytes = Array(line.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer in
      let found = automaton.literals(in: UnsafeBufferPointer(buffer))
      return match(line: line, literals: found, source: source, entry: { entry })
    }
  }

  /// The fields of the first layout that matches `line` (without its line feed): the line
  /// starts an entry. Nil when no layout matches: the line continues the entry before it.
  public func entryFields(of line: String) -> EntryFields? {
    var bytes = Array(line.utf8)
    let admitted = bytes.withUnsafeMutableBufferPointer { mayStartEntry(UnsafeBufferPointer($0)) }
    return admitted ? entryFields(MatchText(line)) : nil
  }

  /// ``entryFields(of:)`` for a line's bytes as read (a final carriage return is dropped).
  func entryFields(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> EntryFields? {
    var count = bytes.count
    if count > 0 && bytes[count - 1] == 0x0D { count -= 1 }
    let line = UnsafeBufferPointer(rebasing: bytes[0..<count])
    guard mayStartEntry(line) else { return nil }
    return entryFields(MatchText(String(decoding: line, as: UTF8.self)))
  }

  /// False when no layout can match `line`, from its first bytes alone.
  func mayStartEntry(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    !layoutShapes.isEmpty && layoutShapes.contains { $0.admits(line) }
  }

  /// Explains a line whose literals were already found by the automaton; `entry` is called
  /// only when no layout matches the line.
  func match(
    line: String, literals: Set<Int32>, source: String?, entry: () -> EntryFields?
  ) -> LineMatch? {
    // One conversion for every regular expression that reads the line.
    let text = MatchText(line)
    var best: (rule: CompiledRule, groups: [String?])?
    var candidates: [Int] = []
    for literal in literals where Int(literal) < rulesByLiteral.count {
      candidates += rulesByLiteral[Int(literal)]
    }
    candidates.sort()
    for index in candidates {
      let rule = rules[index]
      if let current = best?.rule, current.rule.priority >= rule.rule.priority { continue }
      guard rule.literals.allSatisfy(literals.contains) else { continue }
      if let groups = rule.regex.firstMatch(in: text) { best = (rule, groups) }
    }
    guard let (rule, groups) = best else { return nil }
    var fields: [String: String] = [:]
    for (index, name) in rule.rule.captures.enumerated() where !name.isEmpty {
      if index + 1 < groups.count, let value = groups[index + 1] { fields[name] = value }
    }
    extractFields(from: text, literals: literals, into: &fields)
    identifyProduct(line: text, source: source, entry: entry, fields: &fields)
    return LineMatch(problem: rule.rule.problem, rule: rule.rule.id, fields: fields)
  }

  private func extractFields(
    from line: MatchText, literals: Set<Int32>, into fields: inout [String: String]
  ) {
    for compiled in extractors where fields[compiled.extractor.field] == nil {
      guard compiled.literal.map(literals.contains) ?? true,
        let groups = compiled.regex.firstMatch(in: line)
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
  private func entryFields(_ line: MatchText) -> EntryFields? {
    if let (regex, offsets) = combinedLayouts {
      guard let groups = regex.firstMatch(in: line),
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
      guard let groups = regex.firstMatch(in: line) else { continue }
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
    line: MatchText, source: String?, entry: () -> EntryFields?, fields: inout [String: String]
  ) {
    var product: String?
    if let layout = entryFields(line) ?? entry() {
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
