import KnowledgeBase

extension Problem {
  static let userRefused = Problem(
    id: "user_refused",
    title: "User temporarily refused",
    summary: "The remote end is turning away this user or address for now, usually rate limiting.",
    meaning: """
      The service provider will not serve this user, or requests from this address, for the time
      being; rate limiting is the usual reason. Atlassian products throttle with HTTP `429`
      rather than this value, so on an application link it is rare and most often comes from a
      gateway, firewall or non-Atlassian provider at the remote end. All link requests come from
      the consumer's server address, and with 2LO "Execute As" they all run as one user, so a
      limit meant for people can catch the whole link.
      """,
    oauthProblem: "user_refused",
    logMessage: "oauth_problem=user_refused",
    category: .userAuthorisation,
    causes: [
      Cause(
        """
        A rate limit or web application firewall rule for users or client addresses fired at
        the remote end.
        """,
        actions: [
          """
          Look in the gateway's or firewall's log around the time of the error for the rule that
          fired and the address or user it counted.
          """,
          """
          Exempt the consumer's server address, or the link's service user, from limits meant
          for people; raise the limit if the traffic is expected.
          """,
          "If nothing needs changing, wait for the limit to reset and try again.",
        ]
      ),
      Cause(
        """
        The link uses 2LO "Execute As", so all of its requests run as one user and quickly
        reach a per-user limit.
        """,
        actions: [
          """
          Give the link a dedicated service user and exempt that user from per-user limits, or
          move the link to 3LO so requests run as the people who make them.
          """
        ]
      ),
      Cause(
        """
        The remote end has restricted the user's account itself, for example after repeated
        failed logins.
        """,
        actions: [
          "Check the account on the remote end and clear the restriction."
        ]
      ),
    ],
    seeAlso: [
      .problem("consumer_key_refused"),
      .problem("permission_denied"),
      .flavour("2lo-execute-as"),
      .flavour("3lo"),
    ],
    examples: [
      "oauth_problem=user_refused&oauth_problem_advice=Too%20many%20requests%20from%2010.0.0.7",
      """
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fjira.example.com", oauth_problem="user_refused"
      """,
      """
      {"oauth_problem": "user_refused", \
      "oauth_problem_advice": "Too many requests for user alice, retry in 5 minutes"}
      """,
      "user_refused (OAuth::Problem)",
      """
      2024-03-05 14:02:11,287 DEBUG [http-nio-8090-exec-11] \
      [applinks.core.auth.oauth.OAuthApplinksResponseHandler] \
      checkForOAuthProblemAndRemoveConsumerTokenIfNecessary Full OAuth response header: \
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fjira.example.com", oauth_problem="user_refused"
      """,
    ]
  )
}
