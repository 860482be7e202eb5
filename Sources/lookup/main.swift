import ArgumentParser
import Catalogue
import Foundation
import KnowledgeBase
import LogRules
import Reporting

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
      'lookup signature_invalid'; a status category (NETWORK_ERROR) or lozenge ('CONFIG ERROR') \
      is explained too.

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
    let ruleSet = try rules.map(LogInput.ruleSet(at:)) ?? RuleSet(catalogue: .applinks)
    let matcher: RuleMatcher
    do { matcher = try RuleMatcher(ruleSet) } catch {
      throw InputError(message: "\(rules ?? "built-in rules"): \(error)")
    }
    let links = HelpLinks(baseURL: baseURL, site: site)
    let printer = TextPrinter(ruleSet: ruleSet, style: .detect(), links: links)
    let jsonPrinter = JSONPrinter(ruleSet: ruleSet, links: links)
    var out = StandardOutput()
    defer { out.flush() }

    let joined = text.joined(separator: " ")
    let finder = ProblemFinder(ruleSet: ruleSet)
    if files.isEmpty, !text.isEmpty, !joined.contains("\n") {
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

    let scanner = LogScanner(matcher: matcher)
    var report = Report()
    let started = ContinuousClock.now
    let printEach = json && !summary
    let emit: (Finding) throws -> Void = { finding in
      report.add(finding)
      if printEach { jsonPrinter.write(finding, to: &out) }
    }
    if !text.isEmpty {
      report.add(try scanner.scan(text: text.joined(separator: "\n"), source: "-", onFinding: emit))
    }
    for path in files {
      report.add(try LogInput.scan(path: path, with: scanner, onFinding: emit))
    }
    if text.isEmpty && files.isEmpty {
      // A person who typed plain `lookup` would otherwise wait on a silent terminal.
      if isatty(STDIN_FILENO) == 1 {
        FileHandle.standardError.write(
          Data(
            "lookup: reading log lines from the terminal; end with Ctrl-D (or see --help)\n".utf8))
      }
      report.add(try LogInput.scanStandardInput(with: scanner, onFinding: emit))
    }
    report.elapsed = ContinuousClock.now - started

    if summary {
      if json {
        jsonPrinter.writeSummary(report, to: &out)
      } else {
        printer.writeSummary(report, to: &out)
      }
    } else if !json {
      if report.byProblem.isEmpty {
        let suggestions =
          text.isEmpty ? [] : finder.suggestions(for: joined)
        printer.writeNothingFound(suggestions: suggestions, to: &out)
      } else {
        printer.write(report, to: &out)
      }
    }
    if report.byProblem.isEmpty {
      out.flush()
      throw ExitCode(1)
    }
  }
}

// Exit statuses are part of the interface: 2 for every kind of usage or input error.
do {
  var command = try Lookup.parseAsRoot()
  try command.run()
} catch let exit as ExitCode {
  Lookup.exit(withError: exit)
} catch let failure as InputError {
  FileHandle.standardError.write(Data("lookup: \(failure.message)\n".utf8))
  Lookup.exit(withError: ExitCode(2))
} catch {
  if Lookup.exitCode(for: error) == .success { Lookup.exit(withError: error) }
  FileHandle.standardError.write(Data((Lookup.fullMessage(for: error) + "\n").utf8))
  FileHandle.standardError.write(Data("Run 'lookup --help' for usage.\n".utf8))
  Lookup.exit(withError: ExitCode(2))
}
