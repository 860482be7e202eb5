import KnowledgeBase

extension Problem {
  static let versionRejected = Problem(
    id: "version_rejected",
    title: "OAuth version rejected",
    summary: "The remote application does not accept the OAuth version the request declared.",
    meaning: """
      The service provider at the other end of the link turned the request away because its
      `oauth_version` named a version it does not support. Application links always declare
      OAuth `1.0` (which also covers 1.0a), so two Atlassian products almost never produce this
      between themselves: it is a rare value for application links. When it does appear, the
      request usually came from a script or third-party client, or something between the two
      ends rewrote the OAuth parameters. The response may add `oauth_acceptable_versions`, such
      as `1.0-1.0`, giving the range the provider accepts.
      """,
    oauthProblem: "version_rejected",
    logMessage: "oauth_problem=version_rejected",
    category: .oauthRequestRejected,
    causes: [
      Cause(
        """
        A client other than the application link itself (a script, an integration or an add-on
        with its own OAuth code) sent an `oauth_version` other than `1.0`.
        """,
        actions: [
          """
          Identify the caller: the service provider's log line gives the requested URL and the
          `oauth_consumer_key`. Match the key against the incoming authentication of the
          application links on that end.
          """,
          """
          Make the client send `oauth_version=1.0`, or leave the parameter out altogether; it is
          optional and `1.0` is assumed when it is absent.
          """,
        ]
      ),
      Cause(
        """
        A reverse proxy, load balancer or security gateway between the two ends rewrote the
        `Authorization` header or the query string.
        """,
        actions: [
          """
          Set `com.atlassian.applinks` to DEBUG on the sending end and `com.atlassian.oauth` to
          DEBUG on the receiving end, then compare the `Authorization` header that was sent with
          the parameters that arrived.
          """,
          "Exclude the link's traffic from any header or parameter rewriting on the proxy.",
        ]
      ),
      Cause(
        """
        The remote end is a very old release, or a non-Atlassian OAuth provider that follows a
        different draft of the protocol.
        """,
        actions: [
          """
          Check the remote application's version and upgrade it to a release that is still
          supported.
          """
        ]
      ),
    ],
    messages: [
      LogMessage(
        .code,
        literal: #"oauth_acceptable_versions="#,
        pattern: #"oauth_acceptable_versions=[0-9]"#,
        priority: 60
      ),
      .oauthProblemInWords("version rejected", "unsupported version", "version not supported"),
    ],
    seeAlso: [
      .problem("parameter_rejected"),
      .problem("signature_method_rejected"),
      .article("what-is-oauth"),
      .article("debug-logging"),
    ],
    examples: [
      "oauth_problem=version_rejected&oauth_acceptable_versions=1.0-1.0",
      """
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fjira.example.com", \
      oauth_problem="version_rejected", oauth_acceptable_versions="1.0-1.0"
      """,
      """
      2024-03-05 14:02:11,287 http-nio-8080-exec-49 WARN anonymous 842x26597x1 - 10.0.0.7 \
      /rest/api/2/search [c.a.oauth.serviceprovider.internal.servlet.OAuthFilter] Problem \
      encountered authenticating OAuth client for url \
      "https://jira.example.com/rest/api/2/search", \
      error was "version_rejected", with parameters "{oauth_consumer_key=reporting-bot, \
      oauth_version=2.0, oauth_signature_method=RSA-SHA1}"
      """,
      #"{"oauth_problem": "version_rejected", "oauth_acceptable_versions": "1.0-1.0"}"#,
      """
      Received HTTP status code [400] with message \
      "oauth_problem=version_rejected&oauth_acceptable_versions=1.0-1.0"
      """,
    ]
  )
}
