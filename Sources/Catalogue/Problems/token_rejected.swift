import KnowledgeBase

extension Problem {
  static let tokenRejected = Problem(
    id: "token_rejected",
    title: "OAuth token rejected",
    summary: """
      The remote application no longer accepts the OAuth access token this application holds \
      for the user.
      """,
    meaning: """
      With 3-legged OAuth each user authorises the link once, and this application keeps the \
      access token it received for that user. `token_rejected` means the remote application \
      refused that stored token without giving a more specific reason. After the warning is \
      logged, this application drops the stored token, and the user is asked to authorise the \
      link again the next time a feature needs it.
      """,
    oauthProblem: "token_rejected",
    logMessage: "oauth_problem=token_rejected",
    category: .oauthRequestRejected,
    causes: [
      Cause(
        """
        The user obtained an OAuth token some time ago, and the token was later revoked on the \
        remote application.
        """,
        actions: [
          """
          Have the user authenticate again to get a new token. This normally happens by \
          itself: once the warning has appeared, the old token is discarded, and the next time \
          an application needs the user's authorisation the user is prompted to authenticate.
          """
        ]
      )
    ],
    messages: [
      LogMessage(
        .wording, literal: #"but the OAuth token was rejected"#,
        pattern: #"authenticate with the remote application but the OAuth token was rejected"#,
        priority: 45),
      .oauthProblemInWords(
        "token rejected", "token invalid", "invalid token", "token unknown", "unknown token",
        "token not found"),
    ],
    seeAlso: [
      .flavour("3lo"),
      .article("what-is-oauth"),
      .article("log-locations"),
    ],
    examples: [
      "oauth_problem=token_rejected",
      """
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fconfluence.example.com", \
      oauth_problem="token_rejected"
      """,
      """
      2024-03-05 14:02:11,287 http-nio-8080-exec-33 WARN alice 842x26650x2 1k9a2i5 10.0.0.7 \
      /rest/api/2/issue/ABC-7 [c.a.oauth.serviceprovider.internal.servlet.OAuthFilter] Problem \
      encountered authenticating OAuth client for url \
      "https://jira.example.com/rest/api/2/issue/ABC-7", error was "token_rejected", with \
      parameters "{oauth_consumer_key=confluence:8842917, oauth_token=Xk3pQ9vLm2RtYb7w}"
      """,
      """
      2024-03-05 14:02:11,287 DEBUG [http-nio-8090-exec-6] \
      [applinks.core.auth.oauth.OAuthApplinksResponseHandler] \
      checkForOAuthProblemAndRemoveConsumerTokenIfNecessary Full OAuth response header: \
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fjira.example.com", \
      oauth_problem="token_rejected"
      """,
      """
      {"oauth_problem": "token_rejected", "oauth_problem_advice": "The access token is not \
      valid for this consumer."}
      """,
      "token_rejected (OAuth::Problem)",
    ]
  )
}
