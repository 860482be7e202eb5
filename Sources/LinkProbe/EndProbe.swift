import Foundation
import NIOSSL
import X509

/// The checks of one end, in the order Atlassian's own check meets them: the URL, DNS, TCP,
/// TLS, the manifest, the base URL, the version gates, the capabilities, the clock and the
/// consumer.
struct EndProbe {
  var target: ProbeTarget
  var settings: ProbeSettings
  var fetcher: Fetcher
  var roots: [Certificate]
  var rootsSource: String

  /// What later checks, and the two-end checks, need to know.
  struct Outcome {
    var report: EndReport
    /// Whether HTTP requests reached the application.
    var reachable = false
    var manifest: Manifest?
    var clock: ClockReading?
  }

  /// A remote clock read from a `Date` header.
  struct ClockReading {
    var offset: Double
    var uncertainty: Double
    var writer: String?
  }

  func run() async -> Outcome {
    var checks: [ProbeCheck] = []
    var outcome = Outcome(report: EndReport(url: target.given, checks: []))
    func finish(_ reason: String, from check: String) -> Outcome {
      for name in [
        "dns", "tcp", "tls", "manifest", "base-url", "version", "capabilities", "clock",
        "consumer",
      ]
      where !checks.contains(where: { $0.check == name }) {
        if name == "tls" && target.scheme != "https" { continue }
        checks.append(.skipped(name, "not run: \(reason)"))
      }
      var result = outcome
      result.report.checks = checks
      return result
    }

    checks.append(ProbeCheck("url", .passed, target.normalised, evidence: target.notes))

    let address: String
    switch await NameResolution(overrides: settings.resolve).resolve(target.host) {
    case .notFound(let why):
      checks.append(
        ProbeCheck(
          "dns", .failed, "\(target.host) does not resolve", evidence: [why],
          problems: ["unknown_host"]))
      return finish("the host name does not resolve", from: "dns")
    case .addresses(let addresses, let how):
      address = addresses[0]
      checks.append(
        ProbeCheck(
          "dns", .passed, "\(target.host) → \(addresses.joined(separator: ", "))",
          evidence: ["resolved \(how); connecting to \(address)"]))
    }

    let connector = Connector(timeout: settings.timeout)
    switch await connector.connect(address: address, port: target.port) {
    case .success(let elapsed):
      checks.append(
        ProbeCheck(
          "tcp", .passed, "connected to \(address) port \(target.port) in \(Self.ms(elapsed))"))
    case .failure(let failure):
      let (summary, problems) = Self.words(
        failure, address: address, port: target.port, timeout: settings.timeout)
      checks.append(ProbeCheck("tcp", .failed, summary, problems: problems))
      return finish("no TCP connection", from: "tcp")
    }

    if target.scheme == "https" {
      let tls = await tlsCheck(connector: connector, address: address)
      checks.append(tls)
      if tls.status == .failed { return finish("TLS failed", from: "tls") }
    }

    // The manifest, fetched as the products fetch it.
    let manifestURL = target.url("/rest/applinks/1.0/manifest")
    let answer = await fetcher.get(manifestURL, accept: "application/xml")
    let response: Fetcher.Response
    switch answer {
    case .failure(let failure):
      checks.append(Self.fetchFailure("manifest", manifestURL, failure))
      return finish("the manifest could not be fetched", from: "manifest")
    case .success(let got):
      response = got
    }
    outcome.reachable = true
    var evidence = ["GET \(manifestURL) → \(response.status)"] + Self.headerEvidence(response)
    if (300..<400).contains(response.status) {
      if let location = response.header("Location") {
        let base = location.components(separatedBy: "/rest/applinks/").first ?? location
        evidence.append("Location: \(location)")
        checks.append(
          ProbeCheck(
            "manifest", .failed,
            "redirected to \(location): the products do not follow it; the base URL there is \(base)",
            evidence: evidence, problems: ["manifest_not_found"]))
      } else {
        checks.append(
          ProbeCheck(
            "manifest", .failed, "a redirect (\(response.status)) without a Location",
            evidence: evidence, problems: ["manifest_not_found"]))
      }
      outcome.clock = clock(response)
      return finish("no manifest", from: "manifest")
    }
    guard response.status == 200 else {
      let page =
        response.looksLikeHTML
        ? "an HTML page" + (response.htmlTitle.map { " titled \"\($0)\"" } ?? "") : "a body"
      evidence.append("body: \(response.excerpt)")
      let problem = response.status == 404 ? "manifest_not_found" : "unexpected_response"
      checks.append(
        ProbeCheck(
          "manifest", .failed, "status \(response.status) with \(page) instead of the manifest",
          evidence: evidence, problems: [problem]))
      outcome.clock = clock(response)
      return finish("no manifest", from: "manifest")
    }
    if response.looksLikeHTML {
      evidence.append("body: \(response.excerpt)")
      let title = response.htmlTitle.map { " titled \"\($0)\"" } ?? ""
      checks.append(
        ProbeCheck(
          "manifest", .failed,
          "an HTML page\(title) instead of the manifest: a login page or a proxy's page",
          evidence: evidence, problems: ["unexpected_response"]))
      outcome.clock = clock(response)
      return finish("no manifest", from: "manifest")
    }
    if response.truncated {
      checks.append(
        ProbeCheck(
          "manifest", .failed, "the body is larger than 1 MiB: not a manifest",
          evidence: evidence, problems: ["unexpected_response"]))
      return finish("no manifest", from: "manifest")
    }
    let manifest: Manifest
    switch Manifest.parse(response.text) {
    case .failure(let error):
      evidence.append("body: \(response.excerpt)")
      checks.append(
        ProbeCheck(
          "manifest", .failed, "the body is not a manifest: \(error.reason)",
          evidence: evidence, problems: ["unexpected_response"]))
      return finish("no manifest", from: "manifest")
    case .success(let parsed):
      manifest = parsed
    }
    outcome.manifest = manifest
    outcome.report.manifest = manifest
    checks.append(
      ProbeCheck(
        "manifest", .passed,
        "\(manifest.name ?? "?") (\(manifest.typeId ?? "?") \(manifest.version ?? "?"), "
          + "Application Links \(manifest.applinksVersion ?? "?"))",
        evidence: evidence + [
          "id \(manifest.id ?? "(none)"), url \(manifest.url ?? "(none)")",
          "incoming: " + Self.authWords(manifest.inboundAuthenticationTypes),
          "outgoing: " + Self.authWords(manifest.outboundAuthenticationTypes),
        ]))

    checks.append(baseURLCheck(manifest))
    checks.append(versionCheck(manifest))
    checks.append(await capabilitiesCheck(manifest))

    outcome.clock = clock(response)
    checks.append(clockCheck(outcome.clock))
    outcome.report.clockOffsetSeconds = outcome.clock.map { ($0.offset * 10).rounded() / 10 }
    checks.append(await consumerCheck())
    outcome.report.checks = checks
    return outcome
  }

  // MARK: TLS

  private func tlsCheck(connector: Connector, address: String) async -> ProbeCheck {
    switch await connector.handshake(
      address: address, port: target.port, serverName: target.host, legacy: false)
    {
    case .failure(.timedOut):
      return ProbeCheck(
        "tls", .failed, "no TLS handshake within \(Fetcher.seconds(settings.timeout))",
        problems: ["connection_timeout"])
    case .failure(let failure):
      var evidence = ["with TLS 1.2 or 1.3, as Java 11 and later offer: \(Self.reason(failure))"]
      let legacy = await connector.handshake(
        address: address, port: target.port, serverName: target.host, legacy: true)
      var summary = "the TLS handshake failed"
      if case .success(let old) = legacy {
        let version = old.version.map(Self.name) ?? "an old TLS"
        evidence.append("with TLS 1.0 or 1.1 allowed, the handshake succeeds: \(version)")
        summary = "the server offers only \(version), which the products' Java refuses"
      } else if case .failure(let again) = legacy {
        evidence.append("with TLS 1.0 or 1.1 allowed: \(Self.reason(again))")
      }
      return ProbeCheck(
        "tls", .failed, summary, evidence: evidence, problems: ["tls_handshake_failed"])
    case .success(let handshake):
      let verdict = await ChainVerdict.judge(
        served: handshake.chain, host: target.host, roots: roots, rootsSource: rootsSource,
        now: settings.now())
      let version = handshake.version.map(Self.name) ?? "TLS"
      let evidence =
        ["negotiated \(version); \(handshake.chain.count) certificates served"] + verdict.evidence
      return ProbeCheck(
        "tls", verdict.problems.isEmpty ? .passed : .failed, verdict.summary, evidence: evidence,
        problems: verdict.problems)
    }
  }

  // MARK: What the manifest tells

  private func baseURLCheck(_ manifest: Manifest) -> ProbeCheck {
    guard let reported = manifest.url, let theirs = try? ProbeTarget(reported) else {
      return ProbeCheck(
        "base-url", .failed, "the manifest has no usable url",
        evidence: ["url: \(manifest.url ?? "(none)")"], problems: ["unexpected_response"])
    }
    var differences: [String] = []
    if theirs.scheme != target.scheme {
      differences.append("scheme \(theirs.scheme), not \(target.scheme)")
    }
    if theirs.host != target.host { differences.append("host \(theirs.host), not \(target.host)") }
    if theirs.port != target.port { differences.append("port \(theirs.port), not \(target.port)") }
    if theirs.path != target.path {
      differences.append(
        "path \(theirs.path.isEmpty ? "(none)" : theirs.path), not \(target.path.isEmpty ? "(none)" : target.path)"
      )
    }
    var evidence = ["the manifest says url \(reported)", "the probe used \(target.normalised)"]
    if let icon = manifest.iconUrl { evidence.append("iconUrl \(icon)") }
    if let id = manifest.id {
      let derived = ApplicationID.fromBaseURL(reported)
      evidence.append(
        id == derived
          ? "the id is the UUIDv3 of this url"
          : "the id is not the UUIDv3 of this url (\(derived)): the base URL may have changed since the id was made"
      )
    }
    guard differences.isEmpty else {
      return ProbeCheck(
        "base-url", .failed,
        "the application believes its base URL is \(reported): "
          + differences.joined(separator: ", ")
          + "; requests signed for one URL are checked against the other",
        evidence: evidence, problems: ["base_url_mismatch", "signature_invalid"])
    }
    return ProbeCheck("base-url", .passed, "the reported base URL matches", evidence: evidence)
  }

  private func versionCheck(_ manifest: Manifest) -> ProbeCheck {
    guard DottedVersion(manifest.version) != nil,
      let applinks = DottedVersion(manifest.applinksVersion)
    else {
      return ProbeCheck(
        "version", .failed,
        "the manifest's version or applinksVersion is missing or does not parse",
        evidence: [
          "version \(manifest.version ?? "(none)"), applinksVersion \(manifest.applinksVersion ?? "(none)")"
        ],
        problems: ["unexpected_response"])
    }
    if let type = manifest.typeId, !Self.atlassianTypes.contains(type) {
      return ProbeCheck(
        "version", .failed,
        "typeId \(type): a link to it is not status-checked (GENERIC_LINK or NON_ATLASSIAN)",
        problems: ["link_status_unavailable"])
    }
    if applinks < DottedVersion(4, 0, 13) {
      return ProbeCheck(
        "version", .failed,
        "Application Links \(applinks) is older than 4.0.13, the oldest a link's status accepts",
        problems: ["remote_version_incompatible"])
    }
    if applinks < DottedVersion(5, 0, 5) {
      return ProbeCheck(
        "version", .info,
        "Application Links \(applinks) is older than 5.0.5: no status API; a remote checks its "
          + "OAuth status with the link's own credentials")
    }
    return ProbeCheck(
      "version", .passed, "Application Links \(applinks) (4.0.13 and 5.0.5 gates passed)")
  }

  static let atlassianTypes: Set<String> = [
    "jira", "confluence", "stash", "bamboo", "fecru", "crowd", "refapp",
  ]

  private func capabilitiesCheck(_ manifest: Manifest) async -> ProbeCheck {
    let url = target.url("/rest/applinks/3.0/capabilities")
    switch await fetcher.get(url, accept: "application/json") {
    case .failure(let failure):
      return Self.fetchFailure("capabilities", url, failure)
    case .success(let response):
      let evidence = ["GET \(url) → \(response.status)"]
      if response.status == 404,
        let applinks = DottedVersion(manifest.applinksVersion), applinks < DottedVersion(5, 0, 5)
      {
        return ProbeCheck(
          "capabilities", .info, "absent, as expected before 5.0.5", evidence: evidence)
      }
      guard response.status == 200,
        let list = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String]
      else {
        return ProbeCheck(
          "capabilities", .failed,
          "status \(response.status) without the JSON list of capabilities",
          evidence: evidence + ["body: \(response.excerpt)"], problems: ["unexpected_response"])
      }
      return ProbeCheck(
        "capabilities", .passed, list.prefix(20).joined(separator: ", "), evidence: evidence)
    }
  }

  // MARK: Clock

  /// The remote clock from `Date`, corrected by half the round trip; `Date` has whole seconds.
  func clock(_ response: Fetcher.Response) -> ClockReading? {
    guard let header = response.header("Date"), let remote = Self.httpDate(header) else {
      return nil
    }
    let half = response.received.timeIntervalSince(response.sent) / 2
    let local = response.sent.addingTimeInterval(half)
    return ClockReading(
      offset: remote.timeIntervalSince(local) + 0.5, uncertainty: half + 0.5,
      writer: response.header("Server"))
  }

  private func clockCheck(_ reading: ClockReading?) -> ProbeCheck {
    guard let reading else {
      return ProbeCheck("clock", .skipped, "no Date header to read the remote clock from")
    }
    var evidence = [
      String(
        format:
          "remote minus local: %+.1f s ± %.1f s (Date has whole seconds; half the round trip)",
        reading.offset, reading.uncertainty)
    ]
    if let writer = reading.writer {
      evidence.append(
        "Server: \(writer): a proxy in front may have written the Date, not the application")
    }
    if abs(reading.offset) - reading.uncertainty > Self.clockTolerance {
      return ProbeCheck(
        "clock", .failed,
        String(
          format: "the remote clock is %@ by %.0f s; OAuth accepts 5 minutes",
          reading.offset > 0 ? "ahead" : "behind", abs(reading.offset)),
        evidence: evidence, problems: ["timestamp_refused"])
    }
    return ProbeCheck(
      "clock", .passed,
      String(format: "within %.0f s of this machine", abs(reading.offset) + reading.uncertainty),
      evidence: evidence)
  }

  /// OAuth 1.0a links accept a timestamp up to 5 minutes off.
  static let clockTolerance = 300.0

  static func httpDate(_ text: String) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    return formatter.date(from: text)
  }

  // MARK: Consumer

  private func consumerCheck() async -> ProbeCheck {
    let url = target.url("/plugins/servlet/oauth/consumer-info")
    switch await fetcher.get(url, accept: "application/xml") {
    case .failure(let failure):
      return Self.fetchFailure("consumer", url, failure)
    case .success(let response):
      let evidence = ["GET \(url) → \(response.status)"]
      let text = response.text
      guard response.status == 200, !text.contains("<!DOCTYPE"), !text.contains("<!ENTITY"),
        let key = Self.element("key", in: text)
      else {
        return ProbeCheck(
          "consumer", .failed, "status \(response.status) without the consumer's key",
          evidence: evidence + ["body: \(response.excerpt)"], problems: ["unexpected_response"])
      }
      let name = Self.element("name", in: text) ?? "?"
      let hasKey = (Self.element("publicKey", in: text) ?? "").count > 100
      return ProbeCheck(
        "consumer", .passed, "consumer key \(key) (\(name))",
        evidence: evidence + [hasKey ? "an RSA public key is published" : "no public key published"]
      )
    }
  }

  static func element(_ name: String, in text: String) -> String? {
    guard
      let range = text.range(of: "<\(name)>[^<]{0,20000}</\(name)>", options: .regularExpression)
    else { return nil }
    let value = text[range].dropFirst(name.count + 2).dropLast(name.count + 3)
    return Manifest.unescape(String(value))
  }

  // MARK: Words

  static func headerEvidence(_ response: Fetcher.Response) -> [String] {
    ["Server", "Date", "Content-Type", "WWW-Authenticate"].compactMap { name in
      response.header(name).map { "\(name): \($0)" }
    }
  }

  static func fetchFailure(_ check: String, _ url: String, _ failure: Fetcher.Failure) -> ProbeCheck
  {
    switch failure {
    case .timedOut(let why):
      return ProbeCheck(check, .failed, "GET \(url): \(why)", problems: ["connection_timeout"])
    case .refused:
      return ProbeCheck(
        check, .failed, "GET \(url): connection refused", problems: ["connection_refused"])
    case .tls(let why):
      return ProbeCheck(
        check, .failed, "GET \(url): TLS failed (\(why))", problems: ["ssl_untrusted"])
    case .other(let why):
      return ProbeCheck(check, .failed, "GET \(url): \(why)", problems: ["unexpected_response"])
    }
  }

  static func words(
    _ failure: Connector.ConnectFailure, address: String, port: Int, timeout: Double
  ) -> (String, [String]) {
    switch failure {
    case .refused:
      return (
        "\(address) port \(port) refused the connection: nothing listens there",
        ["connection_refused"]
      )
    case .timedOut:
      return (
        "no answer from \(address) port \(port) within \(Fetcher.seconds(timeout))",
        ["connection_timeout"]
      )
    case .unreachable(let why):
      return ("\(address) port \(port): \(why)", ["connection_timeout"])
    case .other(let why):
      return ("\(address) port \(port): \(why)", ["connection_refused"])
    }
  }

  static func reason(_ failure: Connector.ConnectFailure) -> String {
    switch failure {
    case .refused(let why), .unreachable(let why), .other(let why): why
    case .timedOut: "timed out"
    }
  }

  static func name(_ version: TLSVersion) -> String {
    switch version {
    case .tlsv1: "TLS 1.0"
    case .tlsv11: "TLS 1.1"
    case .tlsv12: "TLS 1.2"
    case .tlsv13: "TLS 1.3"
    }
  }

  static func authWords(_ types: [String]) -> String {
    let names = types.filter { $0 != "placeholder.to.ensure.backwards.compatibility" }
      .map { $0.replacingOccurrences(of: "com.atlassian.applinks.api.auth.types.", with: "") }
    return names.isEmpty ? "(none)" : names.joined(separator: ", ")
  }

  static func ms(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
  }
}
