import KnowledgeBase

extension Problem {
  static let tokenUsed = Problem(
    id: "token_used",
    title: "OAuth token already used",
    summary: "The remote application refused a token that had already been consumed.",
    meaning: """
      Some OAuth tokens are good for one use only: a request token, for example, is spent once it
      has been exchanged for an access token. This value says the request presented a token the
      provider had already consumed. On an application link it nearly always comes from 3LO
      authorisation, when the exchange step ran twice because the callback page was reloaded or
      opened twice, or because a proxy replayed it. Atlassian's own provider more often reports
      a spent token as `token_rejected`, so this exact value is uncommon.
      """,
    oauthProblem: "token_used",
    logMessage: "oauth_problem=token_used",
    category: .oauthRequestRejected,
    causes: [
      Cause(
        """
        The user reloaded the page after approving access, went back in the browser, or
        completed the approval in two tabs, so the consumer tried to exchange the same request
        token twice.
        """,
        actions: [
          """
          Ask the user to start again from the "Authenticate" link; that issues a new request
          token.
          """,
          "Have them approve once and wait for the page to return, without reloading it.",
        ]
      ),
      Cause(
        """
        A reverse proxy or load balancer retried the token exchange (a request to
        `/plugins/servlet/oauth/access-token`) after it had already reached the remote end.
        """,
        actions: [
          """
          Look in the remote end's access log for two requests to
          `/plugins/servlet/oauth/access-token` close together.
          """,
          "Turn off automatic retries on the proxy for the link's traffic.",
        ]
      ),
      Cause(
        """
        The consumer keeps presenting a token it should have discarded, so every request for
        that user fails the same way.
        """,
        actions: [
          "Ask the user to authorise again from the \"Authenticate\" link.",
          """
          If the prompt does not appear, reset OAuth authentication on the link. This discards
          the tokens issued under it, so every user of the link has to authorise again.
          """,
        ]
      ),
    ],
    messages: [
      .oauthProblemInWords("token used")
    ],
    seeAlso: [
      .problem("token_rejected"),
      .problem("token_expired"),
      .problem("nonce_used"),
      .problem("verifier_invalid"),
      .flavour("3lo"),
    ],
    examples: [
      "oauth_problem=token_used",
      """
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fjira.example.com", oauth_problem="token_used"
      """,
      """
      Received HTTP status code [401] with message "oauth_problem=token_used" when getting \
      token credentials.
      """,
      "net.oauth.OAuthProblemException: token_used",
      """
      {"oauth_problem": "token_used", \
      "oauth_problem_advice": "Request token already exchanged"}
      """,
    ]
  )
}
