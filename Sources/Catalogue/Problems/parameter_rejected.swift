import KnowledgeBase

extension Problem {
  static let parameterRejected = Problem(
    id: "parameter_rejected",
    title: "OAuth parameter rejected",
    summary: "The remote application refused a request carrying a parameter it does not accept.",
    meaning: """
      The service provider received a parameter it will not accept and names it in
      `oauth_parameters_rejected`, written as a query string and percent-encoded once more:
      `xoauth_requestor_id%3Dalice` stands for `xoauth_requestor_id=alice`. On an application
      link this usually points at a parameter added on the way by a proxy, gateway or add-on, at
      an OAuth parameter that arrived twice, or at a feature the receiving end is not set up
      for, such as the `xoauth_requestor_id` that 2LO impersonation uses to name the user.
      """,
    oauthProblem: "parameter_rejected",
    logMessage: "oauth_problem=parameter_rejected",
    category: .oauthRequestRejected,
    causes: [
      Cause(
        """
        A reverse proxy, API gateway or security product added a parameter to the request (a
        tracking or routing parameter, for example) after the link had signed it.
        """,
        actions: [
          """
          Decode `oauth_parameters_rejected` and compare the name with what the link sends;
          a name the link never sends was added on the way.
          """,
          """
          Exclude the link's traffic from parameter rewriting on the proxy or gateway, so the
          request arrives exactly as it was signed.
          """,
        ]
      ),
      Cause(
        """
        An OAuth parameter reached the provider twice, for example in both the `Authorization`
        header and the query string, because a proxy or client copied it.
        """,
        actions: [
          """
          Set `com.atlassian.oauth` to DEBUG on the receiving end and look at the parameters of
          the rejected request for duplicates.
          """,
          "Remove whatever copies the parameters; OAuth parameters belong in one place only.",
        ]
      ),
      Cause(
        """
        The request names a user with `xoauth_requestor_id` (2LO impersonation), but the
        receiving end is not configured to accept impersonation from this consumer.
        """,
        actions: [
          """
          Open the link on both ends and check that the outgoing settings on this end match the
          incoming settings on the remote end; both must allow impersonation for it to work.
          """,
          """
          If the settings look right but the error persists, reset OAuth authentication on the
          link at both ends so they agree again.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .code,
        literal: #"oauth_parameters_rejected="#,
        pattern: #"oauth_parameters_rejected=[^&\t "',;}]"#,
        priority: 60
      ),
      .oauthProblemInWords("parameter rejected", "unsupported parameter", "duplicate parameter"),
    ],
    seeAlso: [
      .problem("parameter_absent"),
      .problem("signature_invalid"),
      .problem("oauth_mismatch"),
      .flavour("2lo-impersonation"),
      .article("debug-logging"),
    ],
    examples: [
      "oauth_problem=parameter_rejected&oauth_parameters_rejected=xoauth_requestor_id%3Dalice",
      """
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fconfluence.example.com", \
      oauth_problem="parameter_rejected", oauth_parameters_rejected="utm_source%3Dgateway"
      """,
      """
      2024-03-05 14:02:11,287 http-nio-8080-exec-12 WARN anonymous 851x27110x1 - 10.0.0.9 \
      /rest/api/2/issue/OPS-42 [c.a.oauth.serviceprovider.internal.servlet.OAuthFilter] \
      Problem encountered authenticating OAuth client for url \
      "https://jira.example.com/rest/api/2/issue/OPS-42", error was "parameter_rejected", \
      with parameters "{oauth_consumer_key=Confluence:4417251109, xoauth_requestor_id=alice}"
      """,
      """
      {"oauth_problem":"parameter_rejected",\
      "oauth_parameters_rejected":"xoauth_requestor_id%3Dbob"}
      """,
      "parameter_rejected (OAuth::Problem)",
    ]
  )
}
