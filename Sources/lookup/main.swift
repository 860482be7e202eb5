import ArgumentParser
import Catalogue
import Foundation
import KnowledgeBase
import LogInputs
import LogRules
import Reporting

#if canImport(Glibc)
  import Glibc
#endif

/// Explains Atlassian application-link authentication failures found in log text.
struct Lookup: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lookup",
    abstract: "Explain application-link OAuth failures in log lines, files, folders and archives.",
    discussion: """
      A TEXT that names an existing file or folder is read as one; any other TEXT is log text \
      to explain (a pasted line or several), or a problem id, an oauth_problem code, a \
      link-status type or a title, like 'lookup signature_invalid'; a status category \
      (NETWORK_ERROR) or lozenge ('CONFIG ERROR') is explained too. With --file, reads files; \
      with no input, reads standard input ('-' also means standard input).

      Folders are read recursively: files named like logs (*.log, *.log.N, *.out, *.txt, dated \
      names, and these compressed) and archives; other files are skipped and counted \
      (--verbose lists them). gzip, bzip2, xz, zstd, zip (an Atlassian support zip) and tar \
      are told by their bytes and read in place; a rotated set is read oldest first. A finding \
      in an archive is named archive!entry:line.

      'lookup probe URL [URL]' checks a link from outside, over the network: see \
      'lookup probe --help'.

      Exit status: 0 when a problem was found, 1 when none was, 2 on a usage error, an invalid \
      rules file, or an input that could not be read in full (named on standard error; \
      everything else is printed first).
      """)

  @Argument(help: "Files or folders to read, or log text to explain, or a problem's name.")
  var text: [String] = []

  @Option(
    name: .customLong("file"), help: "A log file or folder to read ('-' for stdin); repeatable.")
  var files: [String] = []

  @Flag(
    name: .shortAndLong, help: "After reading, follow the named log files as they grow (tail -F).")
  var follow = false

  @Option(
    help: "Only findings logged at or after this time (ISO 8601, or a duration back such as 2h).")
  var since: String?

  @Option(help: "Only findings logged before this time (ISO 8601, or a duration back such as 30m).")
  var until: String?

  @Option(name: [.customShort("C"), .long], help: "Lines of context shown around each line found.")
  var context = 0

  @Option(
    help: ArgumentHelp(
      "Blocks of a large input explained at once, each on a core (default: every core). The output is the same for any number; --context and --follow read on one core.",
      valueName: "n"))
  var jobs: Int?

  @Flag(name: .shortAndLong, help: "List the files skipped for their names.")
  var verbose = false

  @Flag(help: "Print JSON Lines: one object per finding.")
  var json = false

  @Flag(help: "Print counts per problem and link instead of explanations.")
  var summary = false

  @Option(help: "Use an exported rule set (rules.json) instead of the built-in one.")
  var rules: String?

  @Option(
    help: ArgumentHelp(
      "The name findings carry for the one file or standard input read (its path elsewhere, as in a Spark job).",
      valueName: "name"))
  var source: String?

  @Option(
    help: ArgumentHelp(
      "Standard input starts with this many bytes of the lines before it (a split of a larger file, ending with a line feed): read only for the entry the first lines continue.",
      valueName: "bytes"))
  var lead = 0

  @Option(
    help: ArgumentHelp(
      "Line numbers of standard input start at this one (a split of a larger file).",
      valueName: "n"))
  var firstLine = 1

  @Flag(help: "With --json: end with {\"totals\": SUMMARY}, the document of --summary --json.")
  var totals = false

  @Option(help: "Base URL of the help site; help-page links are printed under it.")
  var baseURL: String?

  @Option(help: "Folder of the help site, for help-page paths when no --base-url is given.")
  var site = "Site"

  func validate() throws {
    guard (0...1_000).contains(context) else {
      throw ValidationError("--context takes 0 to 1000 lines")
    }
    if let jobs, !(1...1_024).contains(jobs) {
      throw ValidationError("--jobs takes 1 to 1024")
    }
    if source != nil && text.count + files.count > 1 {
      throw ValidationError("--source names one input: give one file or '-'")
    }
    if lead < 0 || (lead > 0 && (text + files != ["-"] || follow || context > 0)) {
      throw ValidationError("--lead takes a count of bytes, with '-' (standard input) only")
    }
    if firstLine < 1 || (firstLine > 1 && (text + files != ["-"] || follow || context > 0)) {
      throw ValidationError(
        "--first-line takes a line number from 1, with '-' (standard input) only")
    }
    if totals && !json { throw ValidationError("--totals goes with --json") }
    for (name, value) in [("since", since), ("until", until)] {
      if let value, TimeRange.bound(value, now: 0) == nil {
        throw ValidationError(
          "--\(name) \(value): give a date-time (2024-03-05T14:02:11) or a duration (2h)")
      }
    }
  }

  mutating func run() throws {
    let ruleSet = try rules.map(RuleSetFile.ruleSet(at:)) ?? RuleSet(catalogue: .applinks)
    let isPath = { (text: String) in text == "-" || FileManager.default.fileExists(atPath: text) }
    let paths = text.filter(isPath)
    let words = text.filter { !isPath($0) }
    let matcher: RuleMatcher
    // Pasted text is a few lines: compiling the patterns to machine code would cost more.
    let onlyPasted = files.isEmpty && paths.isEmpty && !words.isEmpty
    do { matcher = try RuleMatcher(ruleSet, jit: !onlyPasted) } catch {
      throw InputError(message: "\(rules ?? "built-in rules"): \(error)")
    }
    let links = HelpLinks(baseURL: baseURL, site: site)
    let printer = TextPrinter(ruleSet: ruleSet, style: .detect(), links: links)
    let jsonPrinter = JSONPrinter(ruleSet: ruleSet, links: links)
    var out = StandardOutput()
    defer { out.flush() }

    let joined = words.joined(separator: " ")
    let finder = ProblemFinder(ruleSet: ruleSet)
    if files.isEmpty, paths.isEmpty, !words.isEmpty, !joined.contains("\n") {
      if let problem = finder.problem(named: joined) {
        if json {
          jsonPrinter.write(problem: problem, to: &out)
        } else {
          printer.write(problem: problem, to: &out)
        }
        return
      }
      if let entry = finder.statusEntry(named: joined) {
        if json {
          jsonPrinter.write(statusEntry: entry, to: &out)
        } else {
          printer.write(statusEntry: entry, to: &out)
        }
        return
      }
    }

    let now = Date().timeIntervalSince1970
    let range = TimeRange(
      since: since.flatMap { TimeRange.bound($0, now: now) },
      until: until.flatMap { TimeRange.bound($0, now: now) })
    var scanner = LogScanner(
      matcher: matcher, contextLines: json || summary ? 0 : context,
      jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, leadBytes: lead)
    scanner.lineOffset = firstLine - 1
    var report = Report()
    var failed = false
    var skipped = 0
    let started = ContinuousClock.now
    let (printEach, live) = (json && (!summary || follow), follow && !json)
    let emit: (Finding) throws -> Void = { finding in
      guard range.contains(logTime: finding.fields["log_time"]) else { return }
      report.add(finding)
      if printEach { jsonPrinter.write(finding, to: &out) }
      if live { printer.write(live: finding, to: &out) }
      if follow { out.flush() }
    }
    let verbose = verbose
    let notice: (InputNotice) -> Void = { notice in
      if notice.kind == .failure { failed = true }
      if notice.kind == .skipped {
        skipped += 1
        if !verbose { return }
      }
      let what = notice.kind == .skipped ? "skipped, " : ""
      Self.warn("\(TerminalText.escaped(notice.source)): \(what)\(notice.message)")
    }

    var reader = InputReader(scanner: scanner)
    if follow {
      Interruption.catchSignals()
      reader.shouldStop = { Interruption.isPending }
    }
    if !words.isEmpty {
      report.add(
        try scanner.scan(text: words.joined(separator: "\n"), source: "-", onFinding: emit))
    }
    var followed: [String] = []
    for path in paths + files {
      if follow && FileFollower.canFollow(path) {
        followed.append(path)
      } else {
        report.add(try reader.read(path: path, as: source, onFinding: emit, onNotice: notice))
      }
    }
    if text.isEmpty && files.isEmpty {
      // A person who typed plain `lookup` would otherwise wait on a silent terminal.
      if isatty(STDIN_FILENO) == 1 {
        Self.warn("reading log lines from the terminal; end with Ctrl-D (or see --help)")
      }
      report.add(try reader.read(path: "-", as: source, onFinding: emit, onNotice: notice))
    }
    if follow && followed.isEmpty {
      Self.warn("--follow: no plain log file was named, so there is nothing to follow")
    } else if follow {
      report.add(
        try FileFollower(scanner: scanner).follow(
          paths: followed, onFinding: emit, onNotice: notice, afterReading: { out.flush() }))
    }
    report.elapsed = ContinuousClock.now - started
    if skipped > 0 && !verbose {
      let files = skipped == 1 ? "1 file whose name does" : "\(skipped) files whose names do"
      Self.warn("skipped \(files) not look like a log (--verbose lists them)")
    }

    if summary {
      if json {
        jsonPrinter.writeSummary(report, to: &out)
      } else {
        printer.writeSummary(report, to: &out)
      }
    } else if totals {
      jsonPrinter.writeTotals(report, to: &out)
    } else if !json && !follow {
      if report.byProblem.isEmpty {
        let suggestions =
          paths.isEmpty && files.isEmpty && !words.isEmpty
          ? finder.suggestions(for: joined) : []
        let unrelated =
          paths.isEmpty && files.isEmpty && !words.isEmpty
          ? matcher.unrelatedFailures(in: joined) : []
        printer.writeNothingFound(suggestions: suggestions, unrelated: unrelated, to: &out)
      } else {
        printer.write(report, to: &out)
      }
    }
    out.flush()
    if failed { throw ExitCode(2) }
    if report.byProblem.isEmpty { throw ExitCode(1) }
  }

  /// A line on standard error.
  static func warn(_ message: String) {
    FileHandle.standardError.write(Data("lookup: \(message)\n".utf8))
  }
}

// `lookup probe ...` is a command of its own; any other first word is log text, as before.
if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == "probe" {
  ProbeCommand.dispatch(Array(CommandLine.arguments.dropFirst(2)))
}

// Exit statuses are part of the interface: 2 for every kind of usage or input error.
do {
  var command = try Lookup.parseAsRoot()
  try command.run()
} catch let exit as ExitCode {
  Lookup.exit(withError: exit)
} catch let failure as InputError {
  Lookup.warn(failure.message)
  Lookup.exit(withError: ExitCode(2))
} catch {
  if Lookup.exitCode(for: error) == .success { Lookup.exit(withError: error) }
  FileHandle.standardError.write(Data((Lookup.fullMessage(for: error) + "\n").utf8))
  FileHandle.standardError.write(Data("Run 'lookup --help' for usage.\n".utf8))
  Lookup.exit(withError: ExitCode(2))
}
