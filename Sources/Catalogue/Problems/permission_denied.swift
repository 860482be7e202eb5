import KnowledgeBase

extension Problem {
  static let permissionDenied = Problem(
    id: "permission_denied",
    title: "User denied access",
    summary: "The user refused to let the consumer act for them, or their approval has lapsed.",
    meaning: """
      The user was shown the remote application's authorisation page and chose not to allow
      access, so the service provider will not issue an access token. The link keeps working for
      other users; for this one, features that need the remote data show an "Authenticate"
      prompt or nothing at all. Some providers also send this value when a long-lived approval
      has lapsed and cannot be renewed.
      """,
    oauthProblem: "permission_denied",
    logMessage: "oauth_problem=permission_denied",
    category: .userAuthorisation,
    causes: [
      Cause(
        """
        The user chose to deny access on the authorisation page.
        """,
        actions: [
          "If that was intended, nothing needs fixing.",
          """
          Otherwise, ask the user to click the "Authenticate" link again and allow access this
          time.
          """,
        ]
      ),
      Cause(
        """
        The approval behind the user's token has lapsed on the remote end and the provider
        will not renew it.
        """,
        actions: [
          "Ask the user to authorise again from the \"Authenticate\" link."
        ]
      ),
    ],
    messages: [
      .oauthProblemInWords("permission denied", "access denied")
    ],
    seeAlso: [
      .problem("permission_unknown"),
      .problem("token_revoked"),
      .problem("credentials_required"),
      .flavour("3lo"),
      .article("what-is-oauth"),
    ],
    examples: [
      "oauth_problem=permission_denied",
      """
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fconfluence.example.com", \
      oauth_problem="permission_denied"
      """,
      """
      Received HTTP status code [401] with message "oauth_problem=permission_denied" when \
      getting token credentials.
      """,
      "net.oauth.OAuthProblemException: permission_denied",
      #"{"oauth_problem":"permission_denied","oauth_problem_advice":"The user denied access"}"#,
    ]
  )
}
