import KnowledgeBase
import LogRules
import LogScanning
import RuleMatching

/// Writes what `lookup` found for a person: each problem with the lines that show it, their
/// fields in words, the causes and actions, where the logs are and the help page.
public struct TextPrinter: Sendable {
  /// The rule set whose problems, causes and product log locations the text explains.
  public let ruleSet: RuleSet
  /// Whether headings and dim text are styled for a terminal.
  public let style: Style
  /// Where the help pages are, for each problem's link.
  public let links: HelpLinks
  let sentences: FieldSentences

  /// A printer for `ruleSet`'s findings, styled by `style`, linking pages as `links` says.
  public init(ruleSet: RuleSet, style: Style, links: HelpLinks) {
    self.ruleSet = ruleSet
    self.style = style
    self.links = links
    sentences = FieldSentences(fields: ruleSet.fields)
  }

  /// Every problem of the report, in order of first appearance.
  public func write(_ report: Report, to out: inout some TextOutputStream) {
    var page = Page()
    for (position, entry) in report.byProblem.enumerated() {
      guard let problem = ruleSet.problem(entry.problem) else { continue }
      if position > 0 {
        page.line()
        page.line(String(repeating: "─", count: 60))
        page.line()
      }
      header(problem, into: &page)
      let noun = entry.count == 1 ? "line" : "lines"
      page.line(style.heading("Seen on \(entry.count) \(noun)"))
      if let links = linkWords(entry, places: false).first { page.line("  " + links) }
      for finding in entry.shown { lines(of: finding, into: &page) }
      if entry.count > entry.shown.count {
        page.line(style.dim("  ... and \(entry.count - entry.shown.count) more"))
      }
      page.line()
      body(problem, products: Set(entry.shown.compactMap { $0.fields["product"] }), into: &page)
    }
    out.write(page.text)
  }

  /// One finding as soon as it is found (`lookup --follow`): the problem, the line with its
  /// context, its fields in words, the help page.
  public func write(live finding: Finding, to out: inout some TextOutputStream) {
    var page = Page()
    let problem = ruleSet.problem(finding.problem)
    page.line(
      style.bold(problem?.title ?? finding.problem) + "  " + style.dim("[\(finding.problem)]"))
    lines(of: finding, into: &page)
    if let problem { page.line(style.dim("  Help page: \(links.link(for: problem))")) }
    page.line()
    out.write(page.text)
  }

  /// A finding's line, `grep -C` style with its context, then its fields in words.
  private func lines(of finding: Finding, into page: inout Page) {
    let source = TerminalText.escaped(finding.source)
    func shown(_ text: String) -> String {
      TerminalText.escaped(String(text.prefix(300)), keepingTabs: true)
    }
    let firstBefore = finding.line - finding.before.count
    for (offset, text) in finding.before.enumerated() {
      page.line(style.dim("  \(source)-\(firstBefore + offset)- \(shown(text))"))
    }
    page.line("  \(source):\(finding.line): \(shown(finding.text))")
    for (offset, text) in finding.after.enumerated() {
      page.line(style.dim("  \(source)-\(finding.line + 1 + offset)- \(shown(text))"))
    }
    for sentence in sentences.describe(finding.fields) {
      page.line("    - \(TerminalText.escaped(sentence))")
    }
    // An answer from words alone is weaker than one from a code: the reader should know.
    if finding.basis == .wording {
      page.line(style.dim("    (\(finding.basis.explanation))"))
    }
  }

  /// The links a problem's findings came from, in words: `all from https://jira.example.net`,
  /// or one line per link, most findings first; nothing when no line told a link.
  func linkWords(_ entry: Report.Entry, places: Bool) -> [String] {
    let named = entry.linksByCount.filter { $0.link != nil }
    guard !named.isEmpty else { return [] }
    let untold = entry.links.first { $0.link == nil }?.count ?? 0
    func place(_ place: Report.Place) -> String {
      "\(TerminalText.escaped(place.source)):\(place.line)"
    }
    if named.count == 1 && untold == 0 && entry.otherLinks == 0 {
      return ["all from \(TerminalText.escaped(named[0].link!))"]
    }
    if !places {
      let list = named.prefix(5).map { "\(TerminalText.escaped($0.link!)) (\($0.count))" }
      let more = named.count > 5 || entry.otherLinks > 0 ? ", and others" : ""
      let none = untold > 0 ? "; \(untold) told no link" : ""
      return ["from " + list.joined(separator: ", ") + more + none]
    }
    var words = named.prefix(5).map { tally in
      "\(tally.count) from \(TerminalText.escaped(tally.link!)) (first \(place(tally.first)), "
        + "last \(place(tally.last)))"
    }
    let others = named.dropFirst(5).reduce(entry.otherLinks) { $0 + $1.count }
    if others > 0 { words.append("\(others) from other links") }
    if untold > 0 { words.append("\(untold) with no link on the line") }
    return words
  }

  /// One problem explained by name.
  public func write(problem: ProblemInfo, to out: inout some TextOutputStream) {
    var page = Page()
    header(problem, into: &page)
    body(problem, products: [], into: &page)
    out.write(page.text)
  }

  /// A category of status error types, or a lozenge, explained by name.
  public func write(statusEntry entry: StatusEntry, to out: inout some TextOutputStream) {
    var page = Page()
    switch entry {
    case .category(let category):
      page.line(style.bold(category.name) + "  " + style.dim("[link status category]"))
      page.wrap(category.meaning, indent: "")
      page.line()
      page.line(style.heading("Error types in this category"))
      let finder = ProblemFinder(ruleSet: ruleSet)
      for (type, problem) in finder.problems(withStatusTypes: category.types) {
        page.line("  \(style.bold(type))  \(problem.id): \(problem.title)")
      }
      page.line()
      page.line("Run 'lookup <type>' to read one of them.")
    case .lozenge(let lozenge):
      page.line(style.bold(lozenge.text) + "  " + style.dim("[status lozenge]"))
      page.wrap(lozenge.meaning, indent: "")
    }
    out.write(page.text)
  }

  /// Nothing was found; `suggestions` are problems whose words resemble what was typed, and
  /// `unrelated` the failures of other systems the text reads as.
  public func writeNothingFound(
    suggestions: [ProblemInfo], unrelated: [Exclusion] = [], to out: inout some TextOutputStream
  ) {
    var page = Page()
    page.line("No known application-link problem found in the text.")
    if let failure = unrelated.first {
      // Saying what the line is keeps a reader from chasing the link.
      page.line()
      page.line("It reads as a failure of \(failure.system),")
      page.line("not of an application link: look at that system's own settings and logs.")
    } else if !suggestions.isEmpty {
      page.line()
      page.line("Did you mean:")
      for problem in suggestions {
        page.line("  \(style.bold(problem.id))  \(problem.title): \(problem.summary)")
      }
      page.line()
      page.line("Run 'lookup <id>' to read one of them.")
    }
    out.write(page.text)
  }

  /// Counts per problem, grouped by category (in the order of their most frequent problem),
  /// most frequent problem first within each.
  public func writeSummary(_ report: Report, to out: inout some TextOutputStream) {
    var page = Page()
    let entries = report.byCount
    if entries.isEmpty {
      page.line("No known problem found.")
    } else {
      let width = max(7, entries.map { $0.problem.count }.max() ?? 0)
      page.line(style.bold(pad("problem", width) + "   count  first                 last"))
      for category in report.byCategory(in: ruleSet) {
        let total = category.entries.reduce(0) { $0 + $1.count }
        page.line(style.heading("\(category.title) (\(total))"))
        for entry in category.entries {
          let first = "\(TerminalText.escaped(entry.first.source)):\(entry.first.line)"
          let last = "\(TerminalText.escaped(entry.last.source)):\(entry.last.line)"
          page.line(
            pad(entry.problem, width) + "  " + leftPad(String(entry.count), 6) + "  "
              + pad(first, 20) + "  " + last)
          if let firstTime = entry.first.fields["log_time"] {
            let lastTime = entry.last.fields["log_time"] ?? firstTime
            page.line(style.dim("    logged \(firstTime) to \(lastTime)"))
          }
          for words in linkWords(entry, places: true) { page.line(style.dim("    " + words)) }
          page.line(
            style.dim(
              "    e.g. "
                + TerminalText.escaped(String(entry.first.text.prefix(160)), keepingTabs: true)))
        }
      }
    }
    let noun = report.lines == 1 ? "line" : "lines"
    let findings = report.findingCount
    page.line(
      "\(report.lines) \(noun) read, \(findings) \(findings == 1 ? "finding" : "findings"), "
        + "\(report.elapsed.milliseconds) ms")
    out.write(page.text)
  }

  private func header(_ problem: ProblemInfo, into page: inout Page) {
    var names = [problem.id]
    if let code = problem.oauthProblem, code != problem.id { names.append("oauth_problem=\(code)") }
    names += problem.linkStatusTypes
    page.line(
      style.bold(problem.title) + "  " + style.dim("[" + names.joined(separator: ", ") + "]"))
    page.line(problem.summary)
    page.line()
  }

  private func body(_ problem: ProblemInfo, products seen: Set<String>, into page: inout Page) {
    page.line(style.heading("What it means"))
    page.wrap(problem.meaning, indent: "  ")
    page.line()
    page.line(style.heading("Causes and what to do"))
    for (index, cause) in problem.causes.enumerated() {
      page.wrap(cause.description, indent: "  \(index + 1). ", continuation: "     ")
      for action in cause.actions { page.wrap(action, indent: "     → ", continuation: "       ") }
    }
    page.line()
    page.line(style.heading("Where the logs are"))
    let concerned = problem.products.isEmpty ? ruleSet.products.map(\.id) : problem.products
    if !seen.isEmpty {
      let names = seen.sorted().compactMap { ruleSet.product($0)?.name }
      page.line(
        "  These lines came from \(names.joined(separator: ", ")). Read the logs at both ends of the link:"
      )
    } else {
      page.line("  Read the logs at both ends of the link:")
    }
    for id in concerned {
      guard let product = ruleSet.product(id) else { continue }
      let application = product.applicationLogs.joined(separator: " or ")
      let files = product.logFiles.joined(separator: ", ")
      page.line(
        "  \(style.bold(product.name)): \(application)\(files.isEmpty ? "" : " (\(files))")")
      if !product.webServerLogs.isEmpty {
        page.line("    web server: \(product.webServerLogs.joined(separator: " or "))")
      }
    }
    page.line()
    page.line("Help page: \(links.link(for: problem))")
  }

  private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }

  private func leftPad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
  }
}

/// Text being put together line by line.
private struct Page {
  var text = ""

  mutating func line(_ line: String = "") {
    text += line
    text += "\n"
  }

  /// Prose is Markdown; on a terminal it reads well as it is, folded at 100 columns.
  mutating func wrap(_ prose: String, indent: String, continuation: String? = nil) {
    let rest = continuation ?? String(repeating: " ", count: indent.count)
    var first = true
    for paragraph in prose.split(separator: "\n", omittingEmptySubsequences: false) {
      var current = first ? indent : rest
      var empty = true
      for word in paragraph.split(separator: " ") {
        if !empty && current.count + word.count + 1 > 100 {
          line(current)
          current = rest
          empty = true
        }
        current += (empty ? "" : " ") + word
        empty = false
      }
      if !empty {
        line(current)
      } else if !first {
        line()
      }
      first = false
    }
  }
}
