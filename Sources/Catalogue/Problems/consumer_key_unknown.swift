import KnowledgeBase

extension Problem {
  static let consumerKeyUnknown = Problem(
    id: "consumer_key_unknown",
    title: "Unrecognised OAuth consumer key",
    summary: """
      The remote application does not know the consumer key this application signed its \
      request with, so it refused the request.
      """,
    meaning: """
      Every OAuth request sent over an application link names the sending application by its \
      consumer key, and the receiving application looks that key up among its own links. \
      `consumer_key_unknown` means the lookup came back empty: the remote end either holds an \
      out-of-date key for this application or has no link pointing back here at all. Until the \
      remote end recognises the key, every request over the link fails the same way.
      """,
    oauthProblem: "consumer_key_unknown",
    logMessage: "oauth_problem=consumer_key_unknown",
    category: .oauthRequestRejected,
    causes: [
      Cause(
        """
        The remote application cannot match the consumer key, for one of these reasons:

        - The key it has on record for this application is stale.
        - It has no application link of its own that points back to this application. For \
        example, Confluence has a link to Jira, but Jira has no matching link to Confluence.
        """,
        actions: [
          """
          On the remote application, open the application links administration screen and \
          check that a link back to this application is there. If it is missing, create it.
          """,
          """
          Reset the OAuth authentication of the link for both directions, incoming and \
          outgoing, so that the two ends exchange their keys afresh.
          """,
          """
          If neither step helps, delete the application link on both applications and then \
          create it again.
          """,
        ]
      )
    ],
    messages: [
      LogMessage(
        .wording, literal: #"the consumer key is stale, or it has no matching link"#,
        pattern: #"either because the consumer key is stale, or it has no matching link"#,
        priority: 45),
      .oauthProblemInWords(
        "consumer key unknown", "unknown consumer", "invalid consumer key", "consumer key invalid",
        "consumer not found"),
    ],
    seeAlso: [
      .problem("signature_invalid"),
      .article("what-is-oauth"),
      .article("log-locations"),
      .article("debug-logging"),
    ],
    examples: [
      "oauth_problem=consumer_key_unknown",
      """
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fjira.example.com", \
      oauth_problem="consumer_key_unknown"
      """,
      """
      2024-03-05 14:02:11,287 http-nio-8080-exec-49 WARN anonymous 842x26597x1 - 10.0.0.7 \
      /rest/api/2/issue/ABC-1 [c.a.oauth.serviceprovider.internal.servlet.OAuthFilter] Problem \
      encountered authenticating OAuth client for url \
      "https://jira.example.com/rest/api/2/issue/ABC-1", error was "consumer_key_unknown", with \
      parameters "{oauth_problem=consumer_key_unknown}"
      """,
      """
      2024-03-05 14:02:11,287 DEBUG [http-nio-8090-exec-6] \
      [applinks.core.auth.oauth.OAuthApplinksResponseHandler] \
      checkForOAuthProblemAndRemoveConsumerTokenIfNecessary Full OAuth response header: \
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fjira.example.com", \
      oauth_problem="consumer_key_unknown"
      """,
      """
      {"oauth_problem": "consumer_key_unknown", "oauth_problem_advice": "The consumer key \
      confluence:8842917 is not known to this server."}
      """,
      "net.oauth.OAuthProblemException: consumer_key_unknown",
    ]
  )
}
