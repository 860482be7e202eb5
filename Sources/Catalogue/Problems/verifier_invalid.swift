import KnowledgeBase

extension Problem {
  static let verifierInvalid = Problem(
    id: "verifier_invalid",
    title: "OAuth verifier invalid",
    summary: "The remote application refused the code that completes a user's authorisation.",
    meaning: """
      In OAuth 1.0a the service provider gives the consumer an `oauth_verifier` when the user
      approves access, and the consumer has to send it back to exchange its request token for an
      access token. This value says the verifier did not match. It is rare on application links:
      Atlassian's own provider generally reports a wrong verifier as a token problem, so this
      value usually comes from a third-party provider or client, or from a callback that was
      altered on its way back to the consumer.
      """,
    oauthProblem: "verifier_invalid",
    logMessage: "oauth_problem=verifier_invalid",
    category: .userAuthorisation,
    causes: [
      Cause(
        """
        A reverse proxy or redirect rewrote or re-encoded the callback's query string, so the
        verifier reached the consumer changed.
        """,
        actions: [
          """
          Check that the consumer's base URL is the address users reach it by, so the callback
          lands without extra redirects.
          """,
          """
          Exclude the callback from query-string rewriting on the proxy, then have the user
          start again from the "Authenticate" link.
          """,
        ]
      ),
      Cause(
        """
        The user ran the approval in two tabs or windows at once, and the verifier from one was
        sent with the request token of the other.
        """,
        actions: [
          """
          Ask the user to close the other tabs and start once more from the "Authenticate"
          link.
          """
        ]
      ),
      Cause(
        """
        A script or third-party client does not pass the `oauth_verifier` from the callback on
        unchanged.
        """,
        actions: [
          """
          Fix the client so it reads `oauth_verifier` from the callback and sends it back as it
          is, decoded exactly once.
          """
        ]
      ),
    ],
    messages: [
      .oauthProblemInWords("verifier invalid", "invalid verifier")
    ],
    seeAlso: [
      .problem("permission_unknown"),
      .problem("token_used"),
      .problem("token_rejected"),
      .problem("parameter_absent"),
      .flavour("3lo"),
    ],
    examples: [
      "oauth_problem=verifier_invalid",
      """
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fjira.example.com", \
      oauth_problem="verifier_invalid"
      """,
      """
      Received HTTP status code [401] with message "oauth_problem=verifier_invalid" when \
      getting token credentials.
      """,
      "verifier_invalid (OAuth::Problem)",
      #"{"oauth_problem":"verifier_invalid"}"#,
    ]
  )
}
