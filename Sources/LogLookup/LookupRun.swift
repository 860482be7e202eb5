import Catalogue
import Foundation
import KnowledgeBase
import LogInputs
import LogRules
import LogScanning
import Reporting
import RuleMatching

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a run of `lookup` ended; its raw value is the exit status.
public enum LookupOutcome: Int32, Sendable {
  /// A problem was found (or a problem's name was explained).
  case found = 0
  /// Nothing was found.
  case nothingFound = 1
  /// An input could not be read in full (everything else was printed).
  case failed = 2
}

/// Runs a ``LookupRequest``: chooses the rules, reads the inputs, explains them and prints the
/// report; the executable only parses the command line into a request and exits with the
/// outcome.
public struct LookupRun {
  /// What was asked.
  public var request: LookupRequest
  /// A line for standard error (without `lookup: ` or a line feed).
  public var warn: (String) -> Void
  /// The moment `--since` and `--until` durations count back from.
  public var now: Double

  /// A run of `request` that writes warnings with `warn`.
  public init(
    _ request: LookupRequest, now: Double = Date().timeIntervalSince1970,
    warn: @escaping (String) -> Void
  ) {
    self.request = request
    self.now = now
    self.warn = warn
  }

  /// Runs the request, writing to `out`; throws ``InputError`` for a rules file that cannot be
  /// used.
  public func run(to output: StandardOutput) throws -> LookupOutcome {
    let request = request
    var out = output
    let ruleSet = try request.rules.map(RuleSetFile.ruleSet(at:)) ?? RuleSet(catalogue: .applinks)
    let isPath = { (text: String) in text == "-" || FileManager.default.fileExists(atPath: text) }
    let paths = request.text.filter(isPath)
    let words = request.text.filter { !isPath($0) }
    let onlyPasted = request.files.isEmpty && paths.isEmpty && !words.isEmpty
    let matcher: RuleMatcher
    // Pasted text is a few lines: compiling the patterns to machine code would cost more.
    do { matcher = try RuleMatcher(ruleSet, jit: !onlyPasted) } catch {
      throw InputError(message: "\(request.rules ?? "built-in rules"): \(error)")
    }
    let links = HelpLinks(baseURL: request.baseURL, site: request.site)
    let printer = TextPrinter(ruleSet: ruleSet, style: .detect(), links: links)
    let jsonPrinter = JSONPrinter(ruleSet: ruleSet, links: links)
    defer { out.flush() }

    let joined = words.joined(separator: " ")
    let finder = ProblemFinder(ruleSet: ruleSet)
    if onlyPasted, !joined.contains("\n") {
      if let problem = finder.problem(named: joined) {
        request.json
          ? jsonPrinter.write(problem: problem, to: &out)
          : printer.write(problem: problem, to: &out)
        return .found
      }
      if let entry = finder.statusEntry(named: joined) {
        request.json
          ? jsonPrinter.write(statusEntry: entry, to: &out)
          : printer.write(statusEntry: entry, to: &out)
        return .found
      }
    }

    let (report, failed) = try read(
      paths: paths, words: words, matcher: matcher, printer: printer, jsonPrinter: jsonPrinter,
      out: output)
    if request.summary {
      request.json
        ? jsonPrinter.writeSummary(report, to: &out)
        : printer.writeSummary(report, to: &out)
    } else if request.totals {
      jsonPrinter.writeTotals(report, to: &out)
    } else if !request.json && !request.follow {
      if report.byProblem.isEmpty {
        printer.writeNothingFound(
          suggestions: onlyPasted ? finder.suggestions(for: joined) : [],
          unrelated: onlyPasted ? matcher.unrelatedFailures(in: joined) : [], to: &out)
      } else {
        printer.write(report, to: &out)
      }
    }
    if failed { return .failed }
    return report.byProblem.isEmpty ? .nothingFound : .found
  }

  /// Reads every input into a report; findings are printed as they come where the output
  /// asks for that (JSON Lines, `--follow`).
  private func read(
    paths: [String], words: [String], matcher: RuleMatcher, printer: TextPrinter,
    jsonPrinter: JSONPrinter, out output: StandardOutput
  ) throws -> (Report, failed: Bool) {
    let request = request
    var out = output
    let range = TimeRange(
      since: request.since.flatMap { TimeRange.bound($0, now: now) },
      until: request.until.flatMap { TimeRange.bound($0, now: now) })
    var scanner = LogScanner(
      matcher: matcher, contextLines: request.json || request.summary ? 0 : request.context,
      jobs: request.jobs ?? ProcessInfo.processInfo.activeProcessorCount,
      leadBytes: request.lead)
    scanner.lineOffset = request.firstLine - 1
    var report = Report(maxLinks: matcher.ruleSet.summaryMaxLinks)
    var failed = false
    var skipped = 0
    let started = ContinuousClock.now
    let printEach = request.json && (!request.summary || request.follow)
    let live = request.follow && !request.json
    let emit: (Finding) throws -> Void = { finding in
      guard range.contains(logTime: finding.fields["log_time"]) else { return }
      report.add(finding)
      if printEach { jsonPrinter.write(finding, to: &out) }
      if live { printer.write(live: finding, to: &out) }
      if request.follow { out.flush() }
    }
    let notice: (InputNotice) -> Void = { notice in
      if notice.kind == .failure { failed = true }
      if notice.kind == .skipped {
        skipped += 1
        if !request.verbose { return }
      }
      let what = notice.kind == .skipped ? "skipped, " : ""
      warn("\(TerminalText.escaped(notice.source)): \(what)\(notice.message)")
    }

    let sink = ScanSink(scanner: scanner, onFinding: emit)
    var reader = InputReader(sink: sink)
    if request.follow {
      Interruption.catchSignals()
      reader.shouldStop = { Interruption.isPending }
    }
    if !words.isEmpty {
      report.add(
        try scanner.scan(text: words.joined(separator: "\n"), source: "-", onFinding: emit))
    }
    var followed: [String] = []
    for path in paths + request.files {
      if request.follow && FileFollower.canFollow(path) {
        followed.append(path)
      } else {
        try reader.read(path: path, as: request.source, onNotice: notice)
      }
    }
    if request.text.isEmpty && request.files.isEmpty {
      // A person who typed plain `lookup` would otherwise wait on a silent terminal.
      if isatty(STDIN_FILENO) == 1 {
        warn("reading log lines from the terminal; end with Ctrl-D (or see --help)")
      }
      try reader.read(path: "-", as: request.source, onNotice: notice)
    }
    if request.follow && followed.isEmpty {
      warn("--follow: no plain log file was named, so there is nothing to follow")
    } else if request.follow {
      try FileFollower(sink: sink).follow(
        paths: followed, onNotice: notice, afterReading: { out.flush() })
    }
    report.add(sink.statistics)
    report.elapsed = ContinuousClock.now - started
    if skipped > 0 && !request.verbose {
      let files = skipped == 1 ? "1 file whose name does" : "\(skipped) files whose names do"
      warn("skipped \(files) not look like a log (--verbose lists them)")
    }
    return (report, failed)
  }
}
