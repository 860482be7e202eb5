import KnowledgeBase

extension Problem {
  static let consumerKeyRejected = Problem(
    id: "consumer_key_rejected",
    title: "OAuth consumer key blocked",
    summary: "The remote application knows the consumer key but refuses it permanently.",
    meaning: """
      The service provider recognised the `oauth_consumer_key` but will not accept requests made
      with it, typically because that consumer was blocked or disabled. Unlike an unknown key,
      the remote end still has a record of this consumer; it has decided not to trust it. This
      link will keep failing until someone changes that decision at the remote end, or the link
      is set up with a new consumer.
      """,
    oauthProblem: "consumer_key_rejected",
    logMessage: "oauth_problem=consumer_key_rejected",
    category: .oauthRequestRejected,
    causes: [
      Cause(
        """
        The consumer behind this link was disabled or blocked on the remote application.
        """,
        actions: [
          """
          On the remote application, open the application link for this end and check that its
          incoming authentication is enabled and shows the same consumer key as the rejected
          request.
          """,
          """
          If the block was not intended, reset OAuth authentication on the link at both ends so
          a fresh consumer is registered.
          """,
          """
          If the block was deliberate, remove the outgoing link on this end rather than let it
          keep failing.
          """,
        ]
      ),
      Cause(
        """
        An API gateway, firewall or security product in front of the remote end blocks the key,
        or the remote end is a non-Atlassian provider with its own blocklist.
        """,
        actions: [
          """
          Check the gateway's or provider's rules for the consumer key named in the request and
          lift the block for the link.
          """
        ]
      ),
    ],
    messages: [
      .oauthProblemInWords(
        "consumer key rejected", "consumer key expired", "consumer disabled",
        "consumer key disabled")
    ],
    seeAlso: [
      .problem("consumer_key_unknown"),
      .problem("consumer_key_refused"),
      .article("log-locations"),
    ],
    examples: [
      "oauth_problem=consumer_key_rejected",
      """
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fjira.example.com", \
      oauth_problem="consumer_key_rejected"
      """,
      """
      2024-03-05 14:02:11,287 http-nio-8080-exec-7 WARN anonymous 862x28001x1 - 10.0.0.12 \
      /rest/api/2/project [c.a.oauth.serviceprovider.internal.servlet.OAuthFilter] Problem \
      encountered authenticating OAuth client for url \
      "https://jira.example.com/rest/api/2/project", error was "consumer_key_rejected", \
      with parameters "{oauth_consumer_key=Confluence:7373740437}"
      """,
      """
      {"oauth_problem": "consumer_key_rejected", \
      "oauth_problem_advice": "This consumer has been disabled by an administrator"}
      """,
      "net.oauth.OAuthProblemException: consumer_key_rejected",
      #"oauth_problem=consumer%20key%20has%20expired"#,
    ]
  )
}
