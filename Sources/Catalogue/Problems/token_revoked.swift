import KnowledgeBase

extension Problem {
  static let tokenRevoked = Problem(
    id: "token_revoked",
    title: "OAuth token revoked",
    summary: "The remote end has withdrawn the token for good; the user must authorise again.",
    meaning: """
      The service provider has withdrawn the access token, usually because the user or an
      administrator revoked the authorisation at the remote end. When this end sees the value it
      discards the user's stored token, and the user is asked to approve access again through the
      "Authenticate" link; if discarding fails, the log shows `Failed to delete consumer token
      for user`. Atlassian products usually delete a revoked token outright and later report it
      as `token_rejected`, so this exact value more often comes from other providers or add-ons.
      """,
    oauthProblem: "token_revoked",
    logMessage: "oauth_problem=token_revoked",
    category: .oauthRequestRejected,
    causes: [
      Cause(
        """
        The user withdrew this application's access on the remote end.
        """,
        actions: [
          "If that was intended, nothing needs fixing.",
          """
          Otherwise, ask the user to click the "Authenticate" link and approve access again.
          """,
        ]
      ),
      Cause(
        """
        An administrator action on the remote end withdrew the tokens: OAuth was reset on the
        link, its incoming authentication was recreated, or the user's account was deactivated
        or changed.
        """,
        actions: [
          "Ask each affected user to authorise again from the \"Authenticate\" link.",
          """
          Check that the user's account on the remote end is active; a deactivated user cannot
          approve access.
          """,
        ]
      ),
      Cause(
        """
        This end could not discard the revoked token (the log shows `Failed to delete consumer
        token for user`), so the same token keeps being sent.
        """,
        actions: [
          """
          Look in this end's log around that message for the underlying error and fix it.
          """,
          """
          Reset OAuth authentication on the link to clear its stored tokens; every user of the
          link then authorises again.
          """,
        ]
      ),
    ],
    messages: [
      .oauthProblemInWords("token revoked", "revoked token")
    ],
    seeAlso: [
      .problem("token_rejected"),
      .problem("token_expired"),
      .problem("permission_denied"),
      .problem("credentials_required"),
      .flavour("3lo"),
    ],
    examples: [
      "oauth_problem=token_revoked",
      """
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fbitbucket.example.com", \
      oauth_problem="token_revoked"
      """,
      """
      2024-03-05 14:02:11,287 WARN  [http-nio-7990-exec-3] - @1KIQBHMx418x285230x4 - 10.0.0.7 \
      "GET /rest/api/1.0/repos HTTP/1.1" c.a.o.s.i.servlet.OAuthFilter Problem encountered \
      authenticating OAuth client for url "https://bitbucket.example.com/rest/api/1.0/repos", \
      error was "token_revoked", with parameters "{oauth_consumer_key=jira:9918273, \
      oauth_token=Zx8cV4bN1mLk5JhG7fDs2aQw9ErT3yUi}"
      """,
      "net.oauth.OAuthProblemException: token_revoked",
      """
      {"oauth_problem": "token_revoked", \
      "oauth_problem_advice": "The user withdrew access for this application"}
      """,
    ]
  )
}
