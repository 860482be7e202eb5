import KnowledgeBase

extension Problem {
  static let parameterAbsent = Problem(
    id: "parameter_absent",
    title: "Required OAuth parameter missing",
    summary: "The remote application refused a request that lacked a required OAuth parameter.",
    meaning: """
      The service provider expected an OAuth parameter that the request did not carry. It lists
      the missing names in `oauth_parameters_absent`, percent-encoded and joined by `&`, so
      `oauth_nonce%26oauth_timestamp` means both `oauth_nonce` and `oauth_timestamp` were absent.
      Requests signed by an application link always carry the full set, so a gap usually means
      that something between the two ends dropped part of the request, or that a hand-written
      client left a parameter out. During 3LO authorisation it can also mean the consumer did
      not return `oauth_verifier` when exchanging its request token.
      """,
    oauthProblem: "parameter_absent",
    logMessage: "oauth_problem=parameter_absent",
    category: .oauthRequestRejected,
    causes: [
      Cause(
        """
        A reverse proxy, load balancer or firewall dropped or truncated the `Authorization`
        header, the query string or the form body on the way to the remote application.
        """,
        actions: [
          """
          Read `oauth_parameters_absent` in the response: it names exactly what went missing.
          """,
          """
          Set `com.atlassian.applinks` to DEBUG on the sending end and `com.atlassian.oauth` to
          DEBUG on the receiving end, and compare the `Authorization` header that left with the
          parameters that arrived.
          """,
          """
          Make sure the proxy forwards the `Authorization` header unchanged, does not cap header
          size below what an OAuth header needs, and passes query strings and form bodies
          through intact.
          """,
        ]
      ),
      Cause(
        """
        A script or third-party client signs its own requests and leaves out `oauth_nonce`,
        `oauth_timestamp`, `oauth_signature_method` or `oauth_signature`.
        """,
        actions: [
          """
          Let an OAuth 1.0a library build the request instead of assembling the parameters by
          hand; it adds every required parameter.
          """
        ]
      ),
      Cause(
        """
        An old consumer that speaks OAuth 1.0 rather than 1.0a exchanged its request token
        without `oauth_verifier`.
        """,
        actions: [
          "Upgrade the consuming application to a release that supports OAuth 1.0a.",
          """
          Have the user start again from the "Authenticate" link once the consumer has been
          upgraded.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .code,
        literal: #"oauth_parameters_absent="#,
        pattern: #"oauth_parameters_absent=[^&\t "',;}]"#,
        priority: 60
      ),
      .oauthProblemInWords(
        "parameter absent", "missing parameter", "parameters missing", "parameter missing"),
    ],
    seeAlso: [
      .problem("parameter_rejected"),
      .problem("verifier_invalid"),
      .problem("signature_invalid"),
      .article("debug-logging"),
      .article("log-locations"),
    ],
    examples: [
      "oauth_problem=parameter_absent&oauth_parameters_absent=oauth_nonce%26oauth_timestamp",
      """
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fconfluence.example.com", \
      oauth_problem="parameter_absent", oauth_parameters_absent="oauth_verifier"
      """,
      """
      2024-03-05 14:02:11,287 WARN  [http-nio-7990-exec-9] - @1KIQBHMx418x285211x2 - 10.0.0.7 \
      "GET /rest/api/1.0/projects HTTP/1.1" c.a.o.s.i.servlet.OAuthFilter Problem encountered \
      authenticating OAuth client for url "https://bitbucket.example.com/rest/api/1.0/projects", \
      error was "parameter_absent", with parameters "{oauth_consumer_key=jira:9918273, \
      oauth_signature_method=RSA-SHA1, oauth_token=Hk8s2LqZ9XbWn4VtJm7YpR1cAe6DfG3u}"
      """,
      "net.oauth.OAuthProblemException: parameter_absent",
      """
      { statusCode: 400, data: \
      'oauth_problem=parameter_absent&oauth_parameters_absent=oauth_signature' }
      """,
    ]
  )
}
