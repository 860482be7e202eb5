import KnowledgeBase

extension Problem {
  static let permissionUnknown = Problem(
    id: "permission_unknown",
    title: "User has not yet approved access",
    summary: "The consumer tried to finish authorisation before the user approved access.",
    meaning: """
      During 3LO authorisation the consumer may exchange its request token for an access token
      only after the user has approved the request on the remote application's authorisation
      page. This value means the exchange arrived while the user had neither approved nor denied
      it. For an application link that usually means the authorisation window was closed,
      blocked or abandoned, or the approval never reached the remote end.
      """,
    oauthProblem: "permission_unknown",
    logMessage: "oauth_problem=permission_unknown",
    category: .userAuthorisation,
    causes: [
      Cause(
        """
        The user closed the authorisation window before approving, or the browser blocked the
        pop-up it opens in.
        """,
        actions: [
          """
          Ask the user to click the "Authenticate" link again and choose to allow access on the
          page that opens.
          """,
          "Allow pop-ups from this application in the user's browser.",
        ]
      ),
      Cause(
        """
        The approval page on the remote end failed to submit: it was loaded through a different
        address from the remote application's base URL, the user's session there had timed out,
        or a proxy broke the form post.
        """,
        actions: [
          """
          Check that the remote application's base URL is the address users reach it by, and
          that the proxy forwards `/plugins/servlet/oauth/authorize` unchanged.
          """,
          """
          Look in the remote end's log for errors on that page at the time of the attempt, then
          have the user try again.
          """,
        ]
      ),
      Cause(
        """
        A script or third-party client asks for the access token before the user has
        finished on the authorisation page.
        """,
        actions: [
          "Make the client wait for the callback before exchanging the request token."
        ]
      ),
    ],
    seeAlso: [
      .problem("permission_denied"),
      .problem("verifier_invalid"),
      .problem("token_expired"),
      .problem("credentials_required"),
      .flavour("3lo"),
    ],
    examples: [
      "oauth_problem=permission_unknown",
      """
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fjira.example.com", \
      oauth_problem="permission_unknown"
      """,
      "{ statusCode: 401, data: 'oauth_problem=permission_unknown' }",
      "permission_unknown (OAuth::Problem)",
      """
      {"oauth_problem": "permission_unknown", \
      "oauth_problem_advice": "The user has not yet approved this request token"}
      """,
    ]
  )
}
