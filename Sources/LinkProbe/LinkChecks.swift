import Foundation

/// The checks between two ends: each end's link back to the other through the anonymous
/// OAuth-status endpoint, the OAuth levels compared crosswise, and the clock difference.
struct LinkChecks {
  var fetcher: Fetcher

  struct End {
    var target: ProbeTarget
    var outcome: EndProbe.Outcome
  }

  /// The OAuth levels of one direction, as `/status/{id}/oauth` reports them.
  struct Level: Equatable {
    var enabled: Bool
    var twoLo: Bool
    var impersonation: Bool

    init(_ object: [String: Any]?) {
      enabled = object?["enabled"] as? Bool ?? false
      twoLo = object?["twoLoEnabled"] as? Bool ?? false
      impersonation = object?["twoLoImpersonationEnabled"] as? Bool ?? false
    }

    var words: String {
      !enabled
        ? "off" : impersonation ? "OAuth with impersonation" : twoLo ? "OAuth (2LO)" : "3LO only"
    }
  }

  struct Status {
    var incoming: Level
    var outgoing: Level
  }

  func run(_ first: End, _ second: End) async -> [ProbeCheck] {
    var checks: [ProbeCheck] = []
    var statuses: [Status?] = [nil, nil]
    for (index, (asked, about)) in [(second, first), (first, second)].enumerated() {
      let (check, status) = await reciprocal(asked: asked, about: about)
      checks.append(check)
      statuses[1 - index] = status
    }
    if let one = statuses[0], let two = statuses[1] {
      checks.append(levels(first.target, one, second.target, two))
    } else {
      checks.append(.skipped("oauth-levels", "not run: the OAuth status of both ends is needed"))
    }
    checks.append(clockDifference(first, second))
    return checks
  }

  /// Whether `asked` has a link to `about`, with the products' fallback id.
  private func reciprocal(asked: End, about: End) async -> (ProbeCheck, Status?) {
    let name = "link-back \(asked.target.host) → \(about.target.host)"
    guard asked.outcome.reachable, let manifest = asked.outcome.manifest else {
      return (
        .skipped(name, "not run: \(asked.target.normalised) did not answer with a manifest"), nil
      )
    }
    guard let id = about.outcome.manifest?.id else {
      return (.skipped(name, "not run: \(about.target.normalised) told no application id"), nil)
    }
    if let version = DottedVersion(manifest.applinksVersion), version < DottedVersion(5, 0, 5) {
      return (
        .skipped(
          name,
          "not run: Application Links \(version) at \(asked.target.normalised) has no anonymous OAuth-status endpoint"
        ),
        nil
      )
    }
    let fallback = ApplicationID.fromBaseURL(about.target.normalised)
    var evidence: [String] = []
    for candidate in id == fallback ? [id] : [id, fallback] {
      let url = asked.target.url("/rest/applinks/3.0/status/\(candidate)/oauth")
      switch await fetcher.get(url, accept: "application/json") {
      case .failure(let failure):
        return (EndProbe.fetchFailure(name, url, failure), nil)
      case .success(let response):
        evidence.append("GET \(url) → \(response.status)")
        if response.status == 404 { continue }
        guard response.status == 200,
          let object = try? JSONSerialization.jsonObject(with: Data(response.body))
            as? [String: Any]
        else {
          return (
            ProbeCheck(
              name, .failed, "status \(response.status) without the OAuth status",
              evidence: evidence + ["body: \(response.excerpt)"], problems: ["unexpected_response"]),
            nil
          )
        }
        let status = Status(
          incoming: Level(object["incoming"] as? [String: Any]),
          outgoing: Level(object["outgoing"] as? [String: Any]))
        return (
          ProbeCheck(
            name, .passed,
            "\(asked.target.normalised) has a link to \(about.target.normalised) (id \(candidate))",
            evidence: evidence + [
              "incoming \(status.incoming.words), outgoing \(status.outgoing.words)"
            ]),
          status
        )
      }
    }
    return (
      ProbeCheck(
        name, .failed,
        "\(asked.target.normalised) has no link to \(about.target.normalised): requests from "
          + "\(about.target.host) will be refused there with consumer_key_unknown",
        evidence: evidence + [
          id == fallback
            ? "id tried: \(id) (the manifest's, also the UUIDv3 of the URL)"
            : "ids tried: \(id) (the manifest's), \(fallback) (the UUIDv3 of the URL)"
        ],
        problems: ["no_remote_applink", "consumer_key_unknown"]),
      nil
    )
  }

  /// Atlassian's steps 5 and 6: OAuth without 2-legged OAuth, then levels that differ.
  private func levels(_ a: ProbeTarget, _ one: Status, _ b: ProbeTarget, _ two: Status)
    -> ProbeCheck
  {
    let evidence = [
      "\(a.host): incoming \(one.incoming.words), outgoing \(one.outgoing.words)",
      "\(b.host): incoming \(two.incoming.words), outgoing \(two.outgoing.words)",
    ]
    let all = [one.incoming, one.outgoing, two.incoming, two.outgoing]
    if all.contains(where: { $0.enabled && !$0.twoLo }) {
      return ProbeCheck(
        "oauth-levels", .failed,
        "OAuth is on without 2-legged OAuth at one end (3LO only), which the status check no longer supports",
        evidence: evidence, problems: ["unsupported_oauth_level"])
    }
    if one.outgoing != two.incoming || one.incoming != two.outgoing {
      return ProbeCheck(
        "oauth-levels", .failed,
        "the levels differ crosswise: \(a.host) outgoing \(one.outgoing.words) against \(b.host) incoming \(two.incoming.words); \(a.host) incoming \(one.incoming.words) against \(b.host) outgoing \(two.outgoing.words)",
        evidence: evidence, problems: ["oauth_mismatch"])
    }
    if all.allSatisfy({ !$0.enabled }) {
      return ProbeCheck(
        "oauth-levels", .failed, "OAuth is off at both ends", evidence: evidence,
        problems: ["link_disabled"])
    }
    return ProbeCheck(
      "oauth-levels", .passed, "the same OAuth levels crosswise", evidence: evidence)
  }

  private func clockDifference(_ first: End, _ second: End) -> ProbeCheck {
    guard let one = first.outcome.clock, let two = second.outcome.clock else {
      return .skipped("clock-difference", "not run: a clock of each end is needed")
    }
    let difference = one.offset - two.offset
    let uncertainty = one.uncertainty + two.uncertainty
    let evidence = [
      String(
        format: "%@ minus %@: %+.1f s ± %.1f s", first.target.host, second.target.host,
        difference, uncertainty)
    ]
    if abs(difference) - uncertainty > EndProbe.clockTolerance {
      return ProbeCheck(
        "clock-difference", .failed,
        String(format: "the two clocks are %.0f s apart; OAuth accepts 5 minutes", abs(difference)),
        evidence: evidence, problems: ["timestamp_refused"])
    }
    return ProbeCheck(
      "clock-difference", .passed, "the two clocks agree within 5 minutes", evidence: evidence)
  }
}
