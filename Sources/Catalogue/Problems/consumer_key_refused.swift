import KnowledgeBase

extension Problem {
  static let consumerKeyRefused = Problem(
    id: "consumer_key_refused",
    title: "OAuth consumer key temporarily refused",
    summary: "The remote end refuses the consumer key for now, usually because of throttling.",
    meaning: """
      The service provider accepts this consumer in principle but is turning its requests away
      for now, usually because it sent too many in a short time. Atlassian products throttle
      with HTTP `429` responses rather than this value, so on an application link it is rare and
      most often comes from a rate limiter, API gateway or web application firewall in front of
      the remote end, or from a non-Atlassian provider. Every request over a link shares one
      consumer key, so a limit like this hits all users of the link at once.
      """,
    oauthProblem: "consumer_key_refused",
    logMessage: "oauth_problem=consumer_key_refused",
    category: .oauthRequestRejected,
    causes: [
      Cause(
        """
        A rate limiter, API gateway or web application firewall in front of the remote end is
        throttling the consumer key.
        """,
        actions: [
          """
          Look in the gateway's or firewall's log around the time of the error for the rule that
          fired.
          """,
          """
          Exempt the link's consumer key or the consumer's server address from the limit, or
          raise the limit.
          """,
          """
          If nothing needs changing, wait for the limit to reset; requests succeed again without
          any change to the link.
          """,
        ]
      ),
      Cause(
        """
        The consumer sends an unusual burst of link traffic, such as many gadgets or issue
        macros on a busy page, or build and repository tools polling too often.
        """,
        actions: [
          """
          Find the source of the traffic in the consumer's access log and reduce polling or
          caching intervals where you can.
          """,
          """
          Upgrade the remote application if a newer release offers finer-grained rate limiting
          settings.
          """,
        ]
      ),
    ],
    seeAlso: [
      .problem("consumer_key_rejected"),
      .problem("user_refused"),
      .problem("consumer_key_unknown"),
    ],
    examples: [
      """
      oauth_problem=consumer_key_refused\
      &oauth_problem_advice=Request%20limit%20reached%2C%20retry%20after%2060%20seconds
      """,
      """
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fconfluence.example.com", \
      oauth_problem="consumer_key_refused"
      """,
      """
      2024-03-05 14:02:11,287 DEBUG [http-nio-8090-exec-6] \
      [applinks.core.auth.oauth.OAuthApplinksResponseHandler] \
      checkForOAuthProblemAndRemoveConsumerTokenIfNecessary Full OAuth response header: \
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fjira.example.com", \
      oauth_problem="consumer_key_refused"
      """,
      "{ statusCode: 401, data: 'oauth_problem=consumer_key_refused' }",
      "consumer_key_refused (OAuth::Problem)",
    ]
  )
}
