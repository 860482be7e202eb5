import Foundation
import LogRules
import Reporting
import X509

/// `lookup probe`: checks one application's end of a link from outside, or two ends and the
/// link between them, with GET requests only.
public struct LinkProbe: Sendable {
  /// The ends to probe: one application, or the two ends of a link.
  public var targets: [ProbeTarget]
  /// Timeouts, truststore, name overrides and credentials.
  public var settings: ProbeSettings
  /// The rule set whose problems explain the failed checks.
  public var ruleSet: RuleSet

  /// A probe of `targets` with `settings`, explaining failures from `ruleSet`.
  public init(targets: [ProbeTarget], settings: ProbeSettings, ruleSet: RuleSet) {
    self.targets = targets
    self.settings = settings
    self.ruleSet = ruleSet
  }

  /// Refuses credentials that would travel in clear to a host that is not loopback.
  public func validate() throws(ProbeInputError) {
    guard settings.credentials != nil, !settings.allowHTTPCredentials else { return }
    for target in targets where target.scheme == "http" {
      let address = settings.resolve[target.host] ?? target.host
      if !NameResolution.isLoopback(address) && target.host != "localhost" {
        throw ProbeInputError(
          "\(target.given): credentials would be sent over plain HTTP; use https, or "
            + "--allow-http-credentials if the network between is trusted")
      }
    }
  }

  /// Runs every check; the report's exit status is 0 when nothing is wrong, 1 otherwise.
  public func run(links: HelpLinks) async throws(ProbeInputError) -> ProbeReport {
    try validate()
    let clock = ContinuousClock.now
    let started = settings.now()
    let fetcher = try Fetcher(settings: settings)
    let roots: [Certificate]
    let rootsSource: String
    if let truststore = settings.truststore {
      roots = truststore.certificates
      rootsSource = truststore.source
    } else {
      roots = Self.systemRoots()
      rootsSource = "the system's roots (\(roots.count) certificates)"
    }
    var outcomes: [EndProbe.Outcome] = []
    for target in targets {
      outcomes.append(
        await EndProbe(
          target: target, settings: settings, fetcher: fetcher, roots: roots,
          rootsSource: rootsSource
        ).run())
    }
    var link: [ProbeCheck]?
    if targets.count == 2 {
      link = await LinkChecks(fetcher: fetcher).run(
        .init(target: targets[0], outcome: outcomes[0]),
        .init(target: targets[1], outcome: outcomes[1]))
    }
    var serverViews: [ServerView]?
    var viewChecks: [ProbeCheck] = []
    if let credentials = settings.credentials {
      var probeSaw: [String: [String]] = [:]
      for (target, outcome) in zip(targets, outcomes) {
        probeSaw[target.normalised] = outcome.report.checks.flatMap(\.problems)
      }
      var views: [ServerView] = []
      for (target, outcome) in zip(targets, outcomes) where outcome.reachable {
        let (found, check) = await ServerViews(
          fetcher: fetcher, credentials: credentials, ruleSet: ruleSet
        ).run(target, probeSaw: probeSaw)
        views += found
        viewChecks.append(check)
      }
      serverViews = views
    }
    await fetcher.shutdown()
    if !viewChecks.isEmpty { link = (link ?? []) + viewChecks }

    var problems: [ProbeProblem] = []
    let allChecks = outcomes.flatMap(\.report.checks) + (link ?? [])
    for check in allChecks {
      for id in check.problems {
        if let index = problems.firstIndex(where: { $0.problem == id }) {
          problems[index].checks.append(check.check)
        } else if let info = ruleSet.problem(id) {
          problems.append(
            ProbeProblem(
              problem: id, title: info.title, summary: info.summary, category: info.category,
              causes: info.causes, url: links.link(for: info), checks: [check.check]))
        }
      }
    }
    let elapsed = ContinuousClock.now - clock
    return ProbeReport(
      ranFrom: ProcessInfo.processInfo.hostName,
      started: started.formatted(.iso8601),
      milliseconds: Int(
        elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
      ends: outcomes.map(\.report), link: link, serverViews: serverViews, problems: problems,
      exitStatus: problems.isEmpty ? 0 : 1)
  }

  /// The system's trusted roots, as the Debian and Red Hat bundles hold them.
  static func systemRoots() -> [Certificate] {
    for path in [
      "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem",
    ] {
      if let text = try? String(contentsOfFile: path, encoding: .utf8),
        let roots = try? Truststore.pem(text), !roots.isEmpty
      {
        return roots
      }
    }
    return []
  }
}
