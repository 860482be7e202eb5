import ArgumentParser
import Foundation
import LogLookup
import Reporting

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

  @Argument(
    help: "Files or folders to read, or log text to explain, or a problem's name.",
    completion: .file())
  var text: [String] = []

  @Option(
    name: .customLong("file"), help: "A log file or folder to read ('-' for stdin); repeatable.",
    completion: .file())
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

  @Option(help: "Help-site folder without --base-url (default: ./Site, else the installed site).")
  var site: String?

  func validate() throws {
    if let problem = request.problem() { throw ValidationError(problem) }
  }

  /// The options as the library's request.
  var request: LookupRequest {
    var request = LookupRequest()
    (request.text, request.files, request.follow) = (text, files, follow)
    (request.since, request.until, request.context, request.jobs) = (since, until, context, jobs)
    (request.verbose, request.json, request.summary) = (verbose, json, summary)
    (request.rules, request.source, request.lead) = (rules, source, lead)
    (request.firstLine, request.totals, request.baseURL) = (firstLine, totals, baseURL)
    request.site = site ?? HelpLinks.defaultSite(executable: Bundle.main.executableURL)
    return request
  }

  /// A line on standard error.
  static func warn(_ message: String) {
    FileHandle.standardError.write(Data("lookup: \(message)\n".utf8))
  }
}

// `lookup probe ...` is the executable `lookup-probe`; any other first word is log text.
if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == "probe" {
  ProbeExecutable.run(Array(CommandLine.arguments.dropFirst(2)))
}

// Exit statuses are part of the interface: 2 for every kind of usage or input error.
do {
  var parsed = try Lookup.parseAsRoot()
  // `--help` arrives as ArgumentParser's own help command.
  guard let command = parsed as? Lookup else {
    try parsed.run()
    Lookup.exit()
  }
  let outcome = try LookupRun(command.request, warn: Lookup.warn).run(to: StandardOutput())
  if outcome != .found { Lookup.exit(withError: ExitCode(outcome.rawValue)) }
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
