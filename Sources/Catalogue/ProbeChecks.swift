import KnowledgeBase

extension ProbeCheckInfo {
  /// The checks of `lookup probe`, in the order it runs them. LinkProbeTests check that every
  /// problem the probe can name is listed under its check.
  static let all: [ProbeCheckInfo] = [
    ProbeCheckInfo(
      "url",
      does: """
        Takes the URL apart as a link's URL is compared: scheme, host, port (the default one \
        if none is written) and context path; a trailing slash is dropped, as the products do. \
        A URL that is not `http` or `https` stops the probe.
        """, problems: []),
    ProbeCheckInfo(
      "dns",
      does: """
        Resolves the host name and lists the addresses found. Names under `.invalid` never \
        resolve (RFC 6761), and `--resolve HOST:PORT:ADDRESS` answers a name without DNS, as \
        curl's option does.
        """, problems: ["unknown_host"]),
    ProbeCheckInfo(
      "tcp",
      does: """
        Opens a TCP connection to the first address and times it: refused, unreachable or \
        timed out.
        """, problems: ["connection_refused", "connection_timeout"]),
    ProbeCheckInfo(
      "tls",
      does: """
        For `https`, shakes hands with TLS 1.2 or 1.3, as the products' Java does, and reads \
        the chain as served. It then tells apart what the status check folds into \
        `SSL_UNTRUSTED`: an expired or not yet valid certificate, a certificate that does not \
        name the host, a self-signed certificate, a missing intermediate and an untrusted \
        root, checked against the system's roots or `--truststore` (a JDK `cacerts` in JKS or \
        PKCS#12, or PEM). When the handshake fails, it tries again with TLS 1.0 and 1.1 to \
        show a server that offers only those.
        """,
      problems: [
        "ssl_certificate_expired", "ssl_hostname_unmatched", "ssl_untrusted",
        "tls_handshake_failed", "connection_timeout",
      ]),
    ProbeCheckInfo(
      "manifest",
      does: """
        Fetches `/rest/applinks/1.0/manifest` as a product fetches it: redirects not followed, \
        10 seconds allowed (`--timeout`), the body cut at 1 MiB and read without any document \
        type or entity. It shows a redirect's target, and names a login page or a proxy's \
        error page by its title.
        """,
      problems: [
        "manifest_not_found", "unexpected_response", "connection_timeout", "connection_refused",
      ]),
    ProbeCheckInfo(
      "base-url",
      does: """
        Compares the base URL the application reports (the manifest's `url`) with the URL \
        probed, by scheme, host, port and path: a proxy that does not pass the host, or HTTPS \
        in front of a connector without `scheme="https"`, shows here. It also says whether \
        the application id is still the one derived from that URL.
        """, problems: ["base_url_mismatch", "signature_invalid", "unexpected_response"]),
    ProbeCheckInfo(
      "version",
      does: """
        Applies the Application Links version gates of the status check: below 4.0.13 the \
        remote is incompatible, below 5.0.5 it has no status API; a generic or non-Atlassian \
        type is not status-checked.
        """,
      problems: ["remote_version_incompatible", "link_status_unavailable", "unexpected_response"]),
    ProbeCheckInfo(
      "capabilities",
      does: """
        Reads `/rest/applinks/3.0/capabilities`, the list that says whether the status API \
        exists.
        """, problems: ["unexpected_response", "connection_timeout"]),
    ProbeCheckInfo(
      "clock",
      does: """
        Compares the `Date` header with this machine's clock in UTC, corrected by half the \
        round trip, and gives the uncertainty. A `Server` header such as `nginx` is noted: a \
        proxy may have written the date, not the application.
        """, problems: ["timestamp_refused"]),
    ProbeCheckInfo(
      "consumer",
      does: """
        Reads `/plugins/servlet/oauth/consumer-info`: the consumer key and the public key the \
        application signs with.
        """, problems: ["unexpected_response", "connection_timeout"]),
    ProbeCheckInfo(
      "link-back",
      does: """
        With two URLs, asks each end's anonymous OAuth-status endpoint \
        (`/rest/applinks/3.0/status/{id}/oauth`) whether it has a link to the other, with the \
        other's manifest id and then the id derived from its URL, as the products do.
        """, problems: ["no_remote_applink", "consumer_key_unknown", "unexpected_response"]),
    ProbeCheckInfo(
      "oauth-levels",
      does: """
        With two URLs, compares the OAuth levels crosswise: each end's outgoing level with \
        the other's incoming one; OAuth without 2-legged OAuth is named too.
        """, problems: ["oauth_mismatch", "unsupported_oauth_level", "link_disabled"]),
    ProbeCheckInfo(
      "clock-difference",
      does: """
        With two URLs, the difference between the two clocks, against the 5 minutes OAuth \
        allows.
        """, problems: ["timestamp_refused"]),
    ProbeCheckInfo(
      "server-view",
      does: """
        With an administrator's credentials (`--user`, or `--token`), lists the links each \
        end holds and each end's own status verdict on them, beside what the probe saw.
        """, problems: []),
  ]
}
