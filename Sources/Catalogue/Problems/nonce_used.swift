import KnowledgeBase

extension Problem {
  static let nonceUsed = Problem(
    id: "nonce_used",
    title: "OAuth nonce already used",
    summary: "The remote end saw a nonce twice and refused the repeat as a possible replay.",
    meaning: """
      Every OAuth request carries a random `oauth_nonce`, and the service provider remembers the
      nonces it has seen for as long as it would still accept their timestamps. A second request
      with the same nonce inside that window looks like a replay and is refused. Application
      links create a fresh nonce for each request, so a repeat nearly always means one signed
      request was sent twice: by a proxy or load balancer retrying it, or by a client resending
      it after a timeout.
      """,
    oauthProblem: "nonce_used",
    logMessage: "oauth_problem=nonce_used",
    category: .oauthRequestRejected,
    causes: [
      Cause(
        """
        A reverse proxy or load balancer retried a request it had already forwarded, for
        example after a slow response, or sent it to a second node.
        """,
        actions: [
          """
          Search the proxy's access log for two identical requests a few seconds apart around
          the time of the error.
          """,
          """
          Turn off automatic retries for the link's traffic (for example nginx
          `proxy_next_upstream`, or a load balancer's retry-on-timeout setting).
          """,
        ]
      ),
      Cause(
        """
        A script or third-party client resends the same signed request when a call fails
        instead of signing the new attempt afresh.
        """,
        actions: [
          "Change the client so that every attempt gets its own nonce, timestamp and signature."
        ]
      ),
      Cause(
        """
        The clocks on the two ends differ or were stepped (an NTP correction, a virtual machine
        resumed from a snapshot). Skew does not create duplicate nonces by itself, but it shifts
        the window in which the provider remembers them and makes retries more likely to land
        in it; it often shows up as `timestamp_refused` at the same time.
        """,
        actions: [
          "Compare the time on both servers, including their time zones.",
          "Keep both clocks synchronised with NTP.",
        ]
      ),
      Cause(
        """
        Someone replayed a captured request. This is unlikely when the link uses HTTPS from end
        to end.
        """,
        actions: [
          """
          Check that the client address in the provider's log is the consumer's server or your
          proxy; if it is not, treat it as a security incident.
          """,
          "Make sure the link's application URLs use `https`.",
        ]
      ),
    ],
    messages: [
      .oauthProblemInWords(
        "nonce used", "nonce invalid", "invalid nonce", "duplicate nonce", "nonce replay")
    ],
    seeAlso: [
      .problem("timestamp_refused"),
      .problem("signature_invalid"),
      .article("debug-logging"),
    ],
    examples: [
      "oauth_problem=nonce_used",
      """
      2024-03-05 14:02:11,287 DEBUG [http-nio-8090-exec-6] \
      [applinks.core.auth.oauth.OAuthApplinksResponseHandler] \
      checkForOAuthProblemAndRemoveConsumerTokenIfNecessary Full OAuth response header: \
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fjira.example.com", oauth_problem="nonce_used"
      """,
      """
      2024-03-05 14:02:11,287 WARN  [qtp1883394945-102 ] fisheye OAuthFilter-doFilter - Problem \
      encountered authenticating OAuth client for url \
      "https://fisheye.example.com/rest-service-fe/repositories-v1", error was "nonce_used", \
      with parameters "{oauth_consumer_key=jira:8829150, oauth_nonce=2960163442113086}"
      """,
      #"Received HTTP status code [401] with message "oauth_problem=nonce_used""#,
      "net.oauth.OAuthProblemException: nonce_used",
      #"{"oauth_problem": "Invalid nonce"}"#,
    ]
  )
}
