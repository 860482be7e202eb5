import KnowledgeBase

extension Problem {
  static let additionalAuthorizationRequired = Problem(
    id: "additional_authorization_required",
    title: "Additional authorisation required",
    summary: "The access token is valid but does not cover the resource the request asked for.",
    meaning: """
      The service provider accepted the token but says it grants too little for this request,
      so the user would have to approve a wider access. Tokens issued over application links are
      not scoped: a token lets the consumer act as the user, within that user's own permissions.
      The value is therefore rare on application links and usually comes from a non-Atlassian
      provider or an add-on that scopes its tokens. When the remote user simply lacks permission,
      Atlassian products normally answer with an ordinary HTTP error instead.
      """,
    oauthProblem: "additional_authorization_required",
    logMessage: "oauth_problem=additional_authorization_required",
    category: .userAuthorisation,
    causes: [
      Cause(
        """
        The remote end scopes its tokens, and the user's token was granted for less than the
        request needs.
        """,
        actions: [
          """
          Ask the user to authorise again from the "Authenticate" link and approve the access
          that is requested.
          """,
          """
          Check the remote end's settings for this consumer for scopes or restrictions that
          leave out the resource.
          """,
        ]
      ),
      Cause(
        """
        An add-on or an old release on the remote end answers with this value for requests it
        does not allow over OAuth.
        """,
        actions: [
          """
          Find the add-on that handles the requested URL and check its documentation for OAuth
          access.
          """,
          "Upgrade the remote application, or the add-on, to a supported release.",
        ]
      ),
    ],
    seeAlso: [
      .problem("permission_denied"),
      .problem("token_rejected"),
      .flavour("3lo"),
      .article("what-is-oauth"),
    ],
    examples: [
      "oauth_problem=additional_authorization_required",
      """
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fconfluence.example.com", \
      oauth_problem="additional_authorization_required"
      """,
      """
      {"oauth_problem": "additional_authorization_required", \
      "oauth_problem_advice": "This token does not grant write access to the space"}
      """,
      "net.oauth.OAuthProblemException: additional_authorization_required",
      """
      2024-03-05 14:02:11,287 WARN  [qtp1883394945-87 ] fisheye OAuthFilter-doFilter - Problem \
      encountered authenticating OAuth client for url \
      "https://fisheye.example.com/rest-service/reviews-v1", \
      error was "additional_authorization_required", with parameters \
      "{oauth_consumer_key=jira:8829150, oauth_token=Lp0oKi9JuH8yGt7FrD6eSw5AqZ4xCv3b}"
      """,
    ]
  )
}
