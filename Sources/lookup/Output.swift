import Foundation
import KnowledgeBase
import LogRules

#if canImport(Glibc)
  import Glibc
#endif

/// Where help pages are: a folder of the built site, or a published base URL.
struct HelpLinks {
  var baseURL: String?
  var site: String

  func link(for problem: ProblemInfo) -> String {
    if let baseURL {
      return baseURL.hasSuffix("/") ? baseURL + problem.url : baseURL + "/" + problem.url
    }
    return (site as NSString).appendingPathComponent(problem.url)
  }
}

/// Terminal styling: on only for a terminal, and never with NO_COLOR set.
struct Style {
  var enabled: Bool

  static func detect() -> Style {
    let environment = ProcessInfo.processInfo.environment
    let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    return Style(enabled: isatty(STDOUT_FILENO) == 1 && !noColor && environment["TERM"] != "dumb")
  }

  func bold(_ text: String) -> String { enabled ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
  func heading(_ text: String) -> String { enabled ? "\u{1B}[1;33m\(text)\u{1B}[0m" : text }
  func dim(_ text: String) -> String { enabled ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}

/// Writes what `lookup` found, for a person or as JSON.
final class Output {
  let ruleSet: RuleSet
  let style: Style
  let links: HelpLinks
  private var buffer = ""

  init(ruleSet: RuleSet, style: Style, links: HelpLinks) {
    self.ruleSet = ruleSet
    self.style = style
    self.links = links
  }

  private func line(_ text: String = "") {
    buffer += text
    buffer += "\n"
    if buffer.utf8.count > 1 << 16 { flush() }
  }

  func flush() {
    guard !buffer.isEmpty else { return }
    FileHandle.standardOutput.write(Data(buffer.utf8))
    buffer = ""
  }

  // MARK: JSON

  private static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }()

  private struct FindingRecord: Encodable {
    var problem: String
    var title: String
    var source: String
    var line: Int
    var text: String
    var fields: [String: String]
    var url: String
  }

  func writeJSON(_ finding: Finding) {
    let problem = ruleSet.problem(finding.problem)
    let record = FindingRecord(
      problem: finding.problem, title: problem?.title ?? finding.problem, source: finding.source,
      line: finding.line, text: finding.text, fields: finding.fields,
      url: problem.map(links.link(for:)) ?? "")
    line(Self.encode(record))
  }

  private struct ProblemRecord: Encodable {
    var problem: String
    var title: String
    var summary: String
    var category: String
    var causes: [Cause]
    var url: String
  }

  func writeJSON(problem: ProblemInfo) {
    line(
      Self.encode(
        ProblemRecord(
          problem: problem.id, title: problem.title, summary: problem.summary,
          category: problem.category,
          causes: problem.causes,
          url: links.link(for: problem))))
  }

  private struct SummaryRecord: Encodable {
    struct Place: Encodable {
      var source: String
      var line: Int
      var logTime: String?
      enum CodingKeys: String, CodingKey {
        case source, line
        case logTime = "log_time"
      }
    }
    struct Problem: Encodable {
      var problem: String
      var title: String
      var category: String
      var count: Int
      var first: Place
      var last: Place
      var example: String
    }
    var problems: [Problem]
    var lines: Int
    var bytes: Int
    var milliseconds: Int
  }

  func writeSummaryJSON(_ report: Report) {
    let problems = report.byCount.map { entry in
      SummaryRecord.Problem(
        problem: entry.problem, title: ruleSet.problem(entry.problem)?.title ?? entry.problem,
        category: ruleSet.problem(entry.problem)?.category ?? "",
        count: entry.count, first: place(entry.first), last: place(entry.last),
        example: entry.first.text)
    }
    line(
      Self.encode(
        SummaryRecord(
          problems: problems, lines: report.lines, bytes: report.bytes,
          milliseconds: Self.milliseconds(report.elapsed))))
  }

  private func place(_ finding: Finding) -> SummaryRecord.Place {
    .init(source: finding.source, line: finding.line, logTime: finding.fields["log_time"])
  }

  private static func encode<T: Encodable>(_ value: T) -> String {
    (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }

  private static func milliseconds(_ duration: Duration) -> Int {
    Int(
      duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
  }

  // MARK: Text

  /// Counts per problem, grouped by category (in the order of their most frequent problem), most frequent
  /// problem first within each.
  func writeSummary(_ report: Report) {
    let entries = report.byCount
    if entries.isEmpty {
      line("No known problem found.")
    } else {
      let width = max(7, entries.map { $0.problem.count }.max() ?? 0)
      var categories: [(title: String, entries: [Report.Entry])] = []
      for entry in entries {
        let title = ruleSet.problem(entry.problem)?.categoryTitle ?? "Other"
        if let index = categories.firstIndex(where: { $0.title == title }) {
          categories[index].entries.append(entry)
        } else {
          categories.append((title, [entry]))
        }
      }
      line(style.bold(pad("problem", width) + "   count  first                 last"))
      for category in categories {
        let total = category.entries.reduce(0) { $0 + $1.count }
        line(style.heading("\(category.title) (\(total))"))
        for entry in category.entries {
          let first = "\(entry.first.source):\(entry.first.line)"
          let last = "\(entry.last.source):\(entry.last.line)"
          line(
            pad(entry.problem, width) + "  " + leftPad(String(entry.count), 6) + "  "
              + pad(first, 20) + "  " + last)
          let times = [entry.first.fields["log_time"], entry.last.fields["log_time"]]
          if let firstTime = times[0] {
            line(style.dim("    logged \(firstTime) to \(times[1] ?? firstTime)"))
          }
          line(style.dim("    e.g. " + String(entry.first.text.prefix(160))))
        }
      }
    }
    let noun = report.lines == 1 ? "line" : "lines"
    let findings = entries.reduce(0) { $0 + $1.count }
    line(
      "\(report.lines) \(noun) read, \(findings) \(findings == 1 ? "finding" : "findings"), "
        + "\(Self.milliseconds(report.elapsed)) ms")
  }

  func nothingFound(suggestions: [ProblemInfo]) {
    line("No known application-link problem found in the text.")
    if !suggestions.isEmpty {
      line()
      line("Did you mean:")
      for problem in suggestions {
        line("  \(style.bold(problem.id))  \(problem.title): \(problem.summary)")
      }
      line()
      line("Run 'lookup <id>' to read one of them.")
    }
  }

  func explain(_ report: Report) {
    for (position, entry) in report.byProblem.enumerated() {
      guard let problem = ruleSet.problem(entry.problem) else { continue }
      if position > 0 {
        line()
        line(String(repeating: "─", count: 60))
        line()
      }
      header(problem)
      let noun = entry.count == 1 ? "line" : "lines"
      line(style.heading("Seen on \(entry.count) \(noun)"))
      for finding in entry.shown {
        line("  \(finding.source):\(finding.line): \(String(finding.text.prefix(300)))")
        for sentence in FieldSentences.describe(finding.fields) { line("    - \(sentence)") }
      }
      if entry.count > entry.shown.count {
        line(style.dim("  ... and \(entry.count - entry.shown.count) more"))
      }
      line()
      body(problem, products: Set(entry.shown.compactMap { $0.fields["product"] }))
    }
  }

  func explain(_ problem: ProblemInfo) {
    header(problem)
    body(problem, products: [])
  }

  private func header(_ problem: ProblemInfo) {
    var names = [problem.id]
    if let code = problem.oauthProblem, code != problem.id { names.append("oauth_problem=\(code)") }
    names += problem.linkStatusTypes
    line(style.bold(problem.title) + "  " + style.dim("[" + names.joined(separator: ", ") + "]"))
    line(problem.summary)
    line()
  }

  private func body(_ problem: ProblemInfo, products seen: Set<String>) {
    line(style.heading("What it means"))
    wrap(problem.meaning, indent: "  ")
    line()
    line(style.heading("Causes and what to do"))
    for (index, cause) in problem.causes.enumerated() {
      wrap(cause.description, indent: "  \(index + 1). ", continuation: "     ")
      for action in cause.actions { wrap(action, indent: "     → ", continuation: "       ") }
    }
    line()
    line(style.heading("Where the logs are"))
    let concerned = problem.products.isEmpty ? ruleSet.products.map(\.id) : problem.products
    if !seen.isEmpty {
      let names = seen.sorted().compactMap { ruleSet.product($0)?.name }
      line(
        "  These lines came from \(names.joined(separator: ", ")). Read the logs at both ends of the link:"
      )
    } else {
      line("  Read the logs at both ends of the link:")
    }
    for id in concerned {
      guard let product = ruleSet.product(id) else { continue }
      let application = product.applicationLogs.joined(separator: " or ")
      let files = product.logFiles.joined(separator: ", ")
      line("  \(style.bold(product.name)): \(application)\(files.isEmpty ? "" : " (\(files))")")
      if !product.webServerLogs.isEmpty {
        line("    web server: \(product.webServerLogs.joined(separator: " or "))")
      }
    }
    line()
    line("Help page: \(links.link(for: problem))")
  }

  /// Prose is Markdown; on a terminal it reads well as it is, folded at 100 columns.
  private func wrap(_ text: String, indent: String, continuation: String? = nil) {
    let rest = continuation ?? String(repeating: " ", count: indent.count)
    var first = true
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
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

  private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }

  private func leftPad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
  }
}

/// Puts the fields of a line into words.
enum FieldSentences {
  static func describe(_ fields: [String: String]) -> [String] {
    var sentences: [String] = []
    if let code = fields["oauth_problem"] { sentences.append("oauth_problem: \(code)") }
    if let key = fields["consumer_key"] {
      sentences.append(
        "consumer key: \(key) (compare it with the incoming key of the link at the other end)")
    }
    if let token = fields["token"] { sentences.append("access token: \(token)") }
    if let realm = fields["realm"] { sentences.append("realm: \(realm)") }
    if let url = fields["request_url"] {
      sentences.append("the request was for: \(url) (its host and port should be the link's URL)")
    }
    if let url = fields["signed_url"] {
      let method = fields["signed_method"].map { "\($0) " } ?? ""
      sentences.append("the URL that was signed: \(method)\(url) (compare it with the link's URL)")
    }
    if let clock = fields["remote_clock"] {
      let time = clock.replacingOccurrences(of: "T", with: " ").replacingOccurrences(
        of: "Z", with: " UTC")
      sentences.append("the remote server's clock read \(time)")
    }
    if let skew = fields["clock_skew_seconds"], let seconds = Int(skew) {
      let direction = seconds >= 0 ? "ahead of" : "behind"
      sentences.append(
        "the request's timestamp was \(abs(seconds)) s \(direction) the remote clock")
    } else if let window = fields["acceptable_timestamps"] {
      sentences.append("the remote end accepts timestamps \(window) (Unix seconds)")
    }
    if let absent = fields["parameters_absent"] {
      sentences.append("missing parameters: \(absent)")
    }
    if let rejected = fields["parameters_rejected"] {
      sentences.append("rejected parameters: \(rejected)")
    }
    if let versions = fields["oauth_acceptable_versions"] {
      sentences.append("OAuth versions the remote end accepts: \(versions)")
    }
    if let host = fields["remote_host"] {
      let port = fields["remote_port"].map { ":\($0)" } ?? ""
      sentences.append("remote host: \(host)\(port)")
    }
    if let subject = fields["certificate_subject"] {
      sentences.append("certificate subject: \(subject)")
    }
    if let advice = fields["problem_advice"] {
      sentences.append("advice from the remote end: \(advice)")
    }
    var origin: [String] = []
    if let product = fields["product"] { origin.append("product \(product)") }
    if let time = fields["log_time"] { origin.append("logged \(time)") }
    if let level = fields["level"] { origin.append(level) }
    if let logger = fields["logger"], !logger.isEmpty { origin.append("by \(logger)") }
    if let thread = fields["thread"] { origin.append("on thread \(thread)") }
    if !origin.isEmpty { sentences.append(origin.joined(separator: ", ")) }
    return sentences
  }
}
