import KnowledgeBase

extension Problem {
  static let trustedAppsBadRemoteIp = Problem(
    id: "trusted_apps_bad_remote_ip",
    title: "Trusted Applications request from a disallowed IP address",
    summary: """
      The receiving application refused a legacy Trusted Applications request because the \
      caller's IP address, or an address in `X-Forwarded-For`, is not on its allow-list.
      """,
    meaning: """
      A Trusted Applications configuration can restrict the IP addresses a caller may send \
      requests from. `BAD_REMOTE_IP` means the address the request arrived from did not match \
      that list; `BAD_XFORWARD_IP` means an address in the request's `X-Forwarded-For` header \
      did not. Either way the receiver drops the trust and treats the request as anonymous, \
      so the link's features show nothing or ask for a login.
      """,
    logMessage: """
      X-Seraph-Trusted-App-Error: BAD_REMOTE_IP;\tRequest not allowed from IP address: {0};\t\
      ["203.0.113.5"]
      """,
    category: .trustedApplications,
    causes: [
      Cause(
        """
        The calling application now connects from a different address than the one allowed: \
        it moved to a new server, sits behind new NAT, runs as a cluster with several nodes, \
        or connects over IPv6.
        """,
        actions: [
          """
          Note the address in the error (the last part of the header, in brackets and quotes).
          """,
          """
          On the receiving application, edit the Trusted Applications settings for the caller \
          and add that address, or a pattern such as `10.0.0.*`, to the allowed IP addresses.
          """,
          "Test the link again.",
        ]
      ),
      Cause(
        """
        A proxy or load balancer sits between the two applications, so the receiver sees the \
        proxy's address or an `X-Forwarded-For` chain with addresses it does not allow \
        (`BAD_XFORWARD_IP`).
        """,
        actions: [
          """
          Check which addresses the proxy writes into `X-Forwarded-For` and whether the caller's \
          own outgoing proxy adds one too.
          """,
          """
          Allow the proxy's addresses as well, or let the applications talk to each other \
          directly, bypassing the proxy.
          """,
        ]
      ),
      Cause(
        """
        The link relies on Trusted Applications at all; OAuth does not check IP addresses and \
        is the supported replacement.
        """,
        actions: [
          """
          Update the link to OAuth from its status on the application links screen, or switch \
          its incoming and outgoing authentication to OAuth on both ends.
          """
        ]
      ),
    ],
    messages: [
      LogMessage(
        .code,
        literal: "BAD_REMOTE_IP",
        pattern: "[Xx]-[Ss]eraph-[Tt]rusted-[Aa]pp-[Ee]rror[=:] ?BAD_REMOTE_IP",
        priority: 80
      ),
      LogMessage(
        .code,
        literal: "BAD_XFORWARD_IP",
        pattern: "[Xx]-[Ss]eraph-[Tt]rusted-[Aa]pp-[Ee]rror[=:] ?BAD_XFORWARD_IP",
        priority: 80
      ),
      LogMessage(
        .wording,
        literal: "Request not allowed from IP address: ",
        pattern: "Request not allowed from IP address: "
      ),
      LogMessage(
        .exception,
        literal: "AddressException: ",
        pattern: "Invalid(?:Remote|XForwardedFor)AddressException: [A-Za-z]"
      ),
      LogMessage(
        .code,
        literal: "BAD_REMOTE_IP",
        pattern: "(?:^|[^A-Za-z0-9_])BAD_REMOTE_IP(?![A-Za-z0-9_])",
        priority: 40
      ),
      LogMessage(
        .code,
        literal: "BAD_XFORWARD_IP",
        pattern: "(?:^|[^A-Za-z0-9_])BAD_XFORWARD_IP(?![A-Za-z0-9_])",
        priority: 40
      ),

      LogMessage(
        .exception, literal: #"InvalidRemoteAddressException"#,
        pattern: #"InvalidRemoteAddressException"#,
        priority: 60),
      LogMessage(
        .wording, literal: #"Request not allowed from IP"#,
        pattern: #"Request not allowed from IP [Aa]ddress"#,
        priority: 60),
    ],
    seeAlso: [
      .problem("trusted_apps_bad_signature"),
      .problem("trusted_apps_certificate_too_old"),
      .article("what-is-oauth"),
    ],
    examples: [
      """
      2024-03-05 14:02:11,288 http-nio-8080-exec-49 DEBUG admin 842x26597x1 1k9a2i5 10.0.0.7 \
      /plugins/servlet/applinks/listApplicationLinks [o.apache.http.headers] http-outgoing-5 \
      << X-Seraph-Trusted-App-Error: BAD_REMOTE_IP;\tRequest not allowed from IP address: \
      {0};\t["198.51.100.23"]
      """,
      """
      Caused by: com.atlassian.security.auth.trustedapps.InvalidRemoteAddressException: \
      Request not allowed from IP address: 198.51.100.23
      """,
      """
      X-Seraph-Trusted-App-Error=BAD_XFORWARD_IP;\tRequest not allowed from IP address: {0};\t\
      ["10.20.30.40"]
      """,
      "BAD_XFORWARD_IP",
      "BAD_REMOTE_IP",
    ]
  )
}
