import KnowledgeBase

extension Problem {
  static let tokenExpired = Problem(
    id: "token_expired",
    title: "OAuth token expired",
    summary: "The token has outlived its lifetime; the user must authorise again.",
    meaning: """
      The token sent with the request is older than the service provider allows. Access tokens
      for application links last a long time but not for ever, and the request tokens used during
      authorisation expire after a short while. When this end sees the value on an outgoing
      request it discards the user's stored access token, and the user then sees an
      "Authenticate" link and must approve access again; if discarding fails, the log shows
      `Failed to delete consumer token for user`. Only 3LO uses per-user tokens, so a link that
      uses 2LO does not report this.
      """,
    oauthProblem: "token_expired",
    logMessage: "oauth_problem=token_expired",
    category: .oauthRequestRejected,
    causes: [
      Cause(
        """
        The user's access token reached the end of its lifetime. Nothing is wrong with the link.
        """,
        actions: [
          """
          Ask the user to click the "Authenticate" link where the linked content should appear
          and approve access again.
          """
        ]
      ),
      Cause(
        """
        The user took too long on the remote application's approval page, and the request
        token expired before the consumer could exchange it.
        """,
        actions: [
          "Ask the user to start again from the \"Authenticate\" link and approve promptly."
        ]
      ),
      Cause(
        """
        A clock jumped forward on the remote end (or was wrong when tokens were issued), so
        tokens look older than they are. Many users hitting this at once is the usual sign.
        """,
        actions: [
          "Compare the time on both servers, including their time zones.",
          "Keep both clocks synchronised with NTP.",
          """
          Tokens already discarded stay discarded: once the clocks are right, the affected users
          authorise again from the "Authenticate" link.
          """,
        ]
      ),
      Cause(
        """
        This end could not discard the expired token (the log shows `Failed to delete consumer
        token for user`), so the same token keeps being sent.
        """,
        actions: [
          """
          Look in this end's log around that message for the underlying error, often a database
          problem, and fix it.
          """,
          """
          Reset OAuth authentication on the link to clear its stored tokens; every user of the
          link then authorises again.
          """,
        ]
      ),
    ],
    messages: [
      .oauthProblemInWords("token expired", "expired token")
    ],
    seeAlso: [
      .problem("token_rejected"),
      .problem("token_revoked"),
      .problem("timestamp_refused"),
      .problem("credentials_required"),
      .flavour("3lo"),
      .article("log-locations"),
    ],
    examples: [
      "oauth_problem=token_expired",
      """
      2024-03-05 14:02:11,287 DEBUG [http-nio-8090-exec-6] \
      [applinks.core.auth.oauth.OAuthApplinksResponseHandler] \
      checkForOAuthProblemAndRemoveConsumerTokenIfNecessary Full OAuth response header: \
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fjira.example.com", oauth_problem="token_expired"
      """,
      """
      2024-03-05 14:02:11,287 http-nio-8080-exec-49 WARN anonymous 842x26597x1 - 10.0.0.7 \
      /rest/api/2/issue/ABC-1 [c.a.oauth.serviceprovider.internal.servlet.OAuthFilter] Problem \
      encountered authenticating OAuth client for url \
      "https://jira.example.com/rest/api/2/issue/ABC-1", error was "token_expired", with \
      parameters "{oauth_consumer_key=Confluence:4417251109, \
      oauth_token=Qw3rTy7UiOp2AsDfGh5JkL9ZxCvBnM1a}"
      """,
      "{ statusCode: 401, data: 'oauth_problem=token_expired' }",
      "token_expired (OAuth::Problem)",
    ]
  )
}
