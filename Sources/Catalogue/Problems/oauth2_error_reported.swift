import KnowledgeBase

extension Problem {
  static let oauth2ErrorReported = Problem(
    id: "oauth2_error_reported",
    title: "OAuth 2.0 server reports an error",
    summary: """
      An OAuth 2.0 authorisation or resource server turned a request down with one of the \
      standard `error` codes that has no entry of its own here; the code and its description \
      say why.
      """,
    meaning: """
      OAuth 2.0 servers answer a failed request with an `error` code from a short standard \
      list, often with an `error_description` in words. This knowledge base has entries of \
      their own for `invalid_grant`, `invalid_client` and `unauthorized_client`, and for an \
      expired access token. The other codes mean: `access_denied`, the user or an \
      administrator refused the authorisation; `invalid_request`, a parameter is missing, \
      repeated or malformed (often the redirect URL, the PKCE verifier or the grant type); \
      `invalid_scope` or `insufficient_scope`, the scopes asked for are unknown, not allowed \
      for this client, or too narrow for the call; `unsupported_grant_type` and \
      `unsupported_response_type`, the client uses a flow the server does not offer (Jira's \
      provider offers the authorisation-code flow with PKCE only); `invalid_token`, the access \
      token is not accepted for another reason than its age. The description, shown as a \
      field, usually names the exact parameter.
      """,
    logMessage: #"{"error":"invalid_request","error_description":"..."}"#,
    category: .oauth2,
    causes: [
      Cause(
        """
        The client's configuration does not match the server's: a redirect URL, scope or \
        grant type that the server does not know for this client (`invalid_request`, \
        `invalid_scope`, `unsupported_grant_type`).
        """,
        actions: [
          """
          Compare the client's settings (client id, redirect URL, scopes, flow) with the \
          registration on the server, correct the one the description names, and try again.
          """
        ]
      ),
      Cause(
        """
        The user or an administrator refused the authorisation, or a policy of the server \
        (conditional access, consent rules) denied it (`access_denied`).
        """,
        actions: [
          """
          Ask the user to authorise again and approve; if the server's policy refuses, an \
          administrator of the identity provider has to allow the application.
          """
        ]
      ),
      Cause(
        """
        The token does not grant what the call needs (`insufficient_scope`) or is not \
        accepted (`invalid_token`).
        """,
        actions: [
          "Request the scopes the call needs, authorise again, and retry with the new token."
        ]
      ),
    ],
    // One rule per code, each found by the code itself: "error" alone is in every other line.
    messages: [
      "access_denied", "invalid_request", "invalid_scope", "insufficient_scope",
      "unsupported_grant_type", "unsupported_response_type", "invalid_token",
    ].map { code in
      LogMessage(
        .code, literal: code,
        pattern: #"(?:["']error["'] ?: ?["']|[?&]error=|error=["']|rror: \(|rror\(u?["']\()("#
          + code
          + #")(?![A-Za-z0-9_])"#,
        captures: ["oauth2_error"], priority: 50)
    },
    seeAlso: [
      .problem("oauth2_invalid_grant"),
      .problem("oauth2_invalid_client"),
      .problem("oauth2_access_token_expired"),
      .problem("oauth2_authorization_required"),
    ],
    examples: [
      #"Token exchange failed: 401 - {"error":"access_denied","error_description":"Unauthorized"}"#,
      #"https://confluence.example.com/plugins/servlet/oauth2/callback?error=invalid_scope&error_description=The+requested+scope+is+invalid"#,
      #"oauthlib.oauth2.rfc6749.errors.InvalidClientIdError: (invalid_request) Invalid client_id parameter value."#,
    ]
  )
}
