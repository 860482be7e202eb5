import ArgumentParser
import Catalogue
import Foundation
import LinkProbe
import LogRules
import Reporting

#if canImport(Glibc)
  import Glibc
#endif

/// `lookup probe URL [URL]`: parsing and wiring; the checks are in the LinkProbe module.
struct ProbeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lookup probe",
    abstract: "Check an application link from outside: one end, or two ends and the link between.",
    discussion: """
      Sends GET requests only. Checks, in order: the URL; DNS; TCP; for https the TLS chain as \
      served (verified against the system's roots or --truststore, as the product's Java would); \
      the manifest (/rest/applinks/1.0/manifest, redirects not followed); the base URL it \
      reports; the Application Links version gates; the capabilities; the clock (Date); the \
      consumer (/plugins/servlet/oauth/consumer-info). With two URLs also: each end's link \
      back to the other, their OAuth levels crosswise, and the clock difference.

      With --user NAME (the password from LOOKUP_PROBE_PASSWORD, else asked for on the \
      terminal) or --token (a personal access token from LOOKUP_PROBE_TOKEN): the links each \
      end holds and its own status verdict on each. Credentials are never taken on the command \
      line, never printed, and never sent over plain HTTP to a host that is not loopback \
      without --allow-http-credentials.

      Exit status: 0 when nothing is wrong, 1 when a problem was found, 2 when the probe could \
      not run (a bad URL, option or truststore).
      """)

  @Argument(help: "The base URL of one application, or of both ends of the link.")
  var urls: [String] = []

  @Flag(help: "Print one JSON document (Site/probe.schema.json).")
  var json = false

  @Option(help: "Seconds allowed for each connection and each request (the products use 10).")
  var timeout = 10.0

  @Option(
    help: ArgumentHelp(
      "Trusted certificates, as the product's Java holds them: a JDK cacerts (JKS or PKCS#12) or PEM. Its password, for the JKS digest, from LOOKUP_PROBE_TRUSTSTORE_PASSWORD (default changeit).",
      valueName: "file"))
  var truststore: String?

  @Option(
    help: ArgumentHelp(
      "Answer HOST with ADDR without asking DNS, like curl's --resolve (for every port); repeatable.",
      valueName: "host:port:addr"))
  var resolve: [String] = []

  @Option(
    help: "An administrator's user name; the password comes from LOOKUP_PROBE_PASSWORD or a prompt."
  )
  var user: String?

  @Flag(help: "Use the personal access token in LOOKUP_PROBE_TOKEN.")
  var token = false

  @Flag(help: "Allow credentials over plain HTTP to a host that is not loopback.")
  var allowHTTPCredentials = false

  @Option(help: "Base URL of the help site; help-page links are printed under it.")
  var baseURL: String?

  @Option(help: "Help-site folder without --base-url (default: ./Site, else the installed site).")
  var site: String?

  func validate() throws {
    guard (1...2).contains(urls.count) else {
      throw ValidationError("give one base URL, or the two ends of a link")
    }
    guard timeout >= 0.1 && timeout <= 120 else {
      throw ValidationError("--timeout takes 0.1 to 120 seconds")
    }
    if user != nil && token { throw ValidationError("give --user or --token, not both") }
  }

  func run() throws {
    var settings = ProbeSettings()
    settings.timeout = timeout
    settings.allowHTTPCredentials = allowHTTPCredentials
    for entry in resolve {
      let parts = entry.split(separator: ":", maxSplits: 2).map(String.init)
      guard parts.count == 3, Int(parts[1]) != nil, !parts[0].isEmpty, !parts[2].isEmpty else {
        throw ProbeInputError(
          "--resolve \(entry): give HOST:PORT:ADDRESS, such as jira.example.test:443:127.0.0.1")
      }
      settings.resolve[parts[0].lowercased()] = parts[2]
    }
    let environment = ProcessInfo.processInfo.environment
    if let path = truststore {
      settings.truststore = try Truststore(
        path: path, password: environment["LOOKUP_PROBE_TRUSTSTORE_PASSWORD"] ?? "changeit")
    }
    if let user {
      settings.credentials = Credentials(user: user, secret: try Self.password(for: user))
    } else if token {
      guard let secret = environment["LOOKUP_PROBE_TOKEN"], !secret.isEmpty else {
        throw ProbeInputError("--token: LOOKUP_PROBE_TOKEN is not set")
      }
      settings.credentials = Credentials(user: nil, secret: secret)
    }
    let targets = try urls.map { (url: String) throws(ProbeInputError) in try ProbeTarget(url) }
    let ruleSet = RuleSet(catalogue: .applinks)
    let probe = LinkProbe(targets: targets, settings: settings, ruleSet: ruleSet)
    try probe.validate()
    let links = HelpLinks(
      baseURL: baseURL, site: site ?? HelpLinks.defaultSite(executable: Bundle.main.executableURL))
    let report = try Self.wait { () async throws(ProbeInputError) -> ProbeReport in
      try await probe.run(links: links)
    }
    var out = StandardOutput()
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      out.write(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
    } else {
      let printer = TextPrinter(ruleSet: ruleSet, style: .detect(), links: links)
      ProbeTextWriter(printer: printer).write(report, to: &out)
    }
    out.flush()
    if report.exitStatus != 0 { throw ExitCode(Int32(report.exitStatus)) }
  }

  private static func password(for user: String) throws -> String {
    if let password = ProcessInfo.processInfo.environment["LOOKUP_PROBE_PASSWORD"],
      !password.isEmpty
    {
      return password
    }
    guard isatty(STDIN_FILENO) == 1, let typed = getpass("Password for \(user): ") else {
      throw ProbeInputError(
        "--user \(user): set LOOKUP_PROBE_PASSWORD, or run on a terminal to be asked")
    }
    return String(cString: typed)
  }

  /// Runs the asynchronous probe from the synchronous command; the main thread only waits.
  private static func wait<T: Sendable>(
    _ body: @escaping @Sendable () async throws(ProbeInputError) -> T
  ) throws(ProbeInputError) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
      do throws(ProbeInputError) {
        box.result = .success(try await body())
      } catch {
        box.result = .failure(error)
      }
      done.signal()
    }
    done.wait()
    return try box.result!.get()
  }
}

/// Carries the probe's result from its task to the waiting main thread.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
  var result: Result<T, ProbeInputError>?
}

extension ProbeCommand {
  /// Parses and runs `lookup probe ARGS`, exiting with 0, 1 or 2.
  static func dispatch(_ arguments: [String]) -> Never {
    do {
      let command = try parse(arguments)
      try command.run()
      exit(withError: nil)
    } catch let exit as ExitCode {
      Self.exit(withError: exit)
    } catch let failure as ProbeInputError {
      FileHandle.standardError.write(Data("lookup probe: \(failure.description)\n".utf8))
      Self.exit(withError: ExitCode(2))
    } catch {
      if exitCode(for: error) == .success { Self.exit(withError: error) }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      FileHandle.standardError.write(Data("Run 'lookup probe --help' for usage.\n".utf8))
      Self.exit(withError: ExitCode(2))
    }
  }
}
