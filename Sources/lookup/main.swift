import ArgumentParser
import Catalogue
import Foundation
import KnowledgeBase
import LogRules

#if canImport(Glibc)
  import Glibc
#endif

/// Explains Atlassian application-link authentication failures found in log text.
struct Lookup: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lookup",
    abstract: "Explain application-link OAuth failures in a log line, a log file or stdin.",
    discussion: """
      With TEXT, explains that text (a pasted line or several). With --file, reads files; with \
      neither, reads standard input ('-' also means standard input). A problem id, an \
      oauth_problem code, a link-status type or a title explains that problem directly, like \
      'lookup signature_invalid'.

      Exit status: 0 when a problem was found, 1 when none was, 2 on a usage error, an \
      unreadable file or an invalid rules file.
      """)

  @Argument(help: "Log text to explain, or a problem id, code, status type or title.")
  var text: [String] = []

  @Option(name: .customLong("file"), help: "A log file to read ('-' for stdin); repeatable.")
  var files: [String] = []

  @Flag(help: "Print JSON Lines: one object per finding.")
  var json = false

  @Flag(help: "Print counts per problem instead of explanations.")
  var summary = false

  @Option(help: "Use an exported rule set (rules.json) instead of the built-in one.")
  var rules: String?

  @Option(help: "Base URL of the help site; help-page links are printed under it.")
  var baseURL: String?

  @Option(help: "Folder of the help site, for help-page paths when no --base-url is given.")
  var site = "Site"

  mutating func run() throws {
    let ruleSet = try loadRuleSet()
    let matcher: RuleMatcher
    do { matcher = try RuleMatcher(ruleSet) } catch {
      throw Failure(message: "\(rules ?? "built-in rules"): \(error)")
    }
    let output = Output(
      ruleSet: ruleSet, style: .detect(), links: HelpLinks(baseURL: baseURL, site: site))

    let joined = text.joined(separator: " ")
    if files.isEmpty, !text.isEmpty, !joined.contains("\n"),
      let problem = ProblemFinder(ruleSet: ruleSet).problem(named: joined)
    {
      if json {
        output.writeJSON(problem: problem)
      } else {
        output.explain(problem)
      }
      output.flush()
      return
    }

    let scanner = LogScanner(matcher: matcher)
    var report = Report()
    let started = ContinuousClock.now
    let printEach = json && !summary
    let emit: (Finding) throws -> Void = { finding in
      report.add(finding)
      if printEach { output.writeJSON(finding) }
    }
    var statistics: [ScanStatistics] = []
    if !text.isEmpty {
      statistics.append(
        try scanner.scan(text: text.joined(separator: "\n"), source: "-", onFinding: emit))
    }
    for path in files {
      statistics.append(try Self.scan(path: path, with: scanner, onFinding: emit))
    }
    if text.isEmpty && files.isEmpty {
      // A person who typed plain `lookup` would otherwise wait on a silent terminal.
      if isatty(STDIN_FILENO) == 1 {
        FileHandle.standardError.write(
          Data(
            "lookup: reading log lines from the terminal; end with Ctrl-D (or see --help)\n".utf8))
      }
      statistics.append(try scanner.scan(fileDescriptor: 0, source: "-", onFinding: emit))
    }
    report.lines = statistics.reduce(0) { $0 + $1.lines }
    report.bytes = statistics.reduce(0) { $0 + $1.bytes }
    report.elapsed = ContinuousClock.now - started

    if summary {
      json ? output.writeSummaryJSON(report) : output.writeSummary(report)
    } else if !json {
      if report.byProblem.isEmpty {
        output.nothingFound(
          suggestions: text.isEmpty
            ? [] : ProblemFinder(ruleSet: ruleSet).suggestions(for: joined))
      } else {
        output.explain(report)
      }
    }
    output.flush()
    if report.byProblem.isEmpty { throw ExitCode(1) }
  }

  private func loadRuleSet() throws -> RuleSet {
    guard let rules else { return RuleSet(catalogue: .applinks) }
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: rules)) } catch {
      throw Failure(message: "\(rules): cannot read the rules file (\(Self.reason(error)))")
    }
    do { return try RuleSet(jsonData: data) } catch {
      throw Failure(message: "\(rules): \(error)")
    }
  }

  private static func scan(
    path: String, with scanner: LogScanner, onFinding: (Finding) throws -> Void
  ) throws -> ScanStatistics {
    if path == "-" { return try scanner.scan(fileDescriptor: 0, source: "-", onFinding: onFinding) }
    var status = stat()
    guard stat(path, &status) == 0 else {
      throw Failure(message: "\(path): \(String(cString: strerror(errno)))")
    }
    if (status.st_mode & S_IFMT) == S_IFDIR {
      throw Failure(message: "\(path): is a directory, not a log file")
    }
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      throw Failure(message: "\(path): \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    do {
      return try scanner.scan(fileDescriptor: descriptor, source: path, onFinding: onFinding)
    } catch let error as ReadError {
      throw Failure(message: error.description)
    }
  }

  private static func reason(_ error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain,
      let code = POSIXErrorCode(rawValue: Int32(underlying.code))
    {
      return String(cString: strerror(code.rawValue))
    }
    return nsError.localizedDescription
  }
}

/// An error whose message is complete as it is; `lookup` prints it and exits with status 2.
struct Failure: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

// Exit statuses are part of the interface: 2 for every kind of usage or input error.
do {
  var command = try Lookup.parseAsRoot()
  try command.run()
} catch let exit as ExitCode {
  Lookup.exit(withError: exit)
} catch let failure as Failure {
  FileHandle.standardError.write(Data("lookup: \(failure.message)\n".utf8))
  Lookup.exit(withError: ExitCode(2))
} catch {
  if Lookup.exitCode(for: error) == .success { Lookup.exit(withError: error) }
  FileHandle.standardError.write(Data((Lookup.fullMessage(for: error) + "\n").utf8))
  FileHandle.standardError.write(Data("Run 'lookup --help' for usage.\n".utf8))
  Lookup.exit(withError: ExitCode(2))
}
