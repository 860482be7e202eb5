import KnowledgeBase

extension Problem {
  static let oauth2AccessTokenExpired = Problem(
    id: "oauth2_access_token_expired",
    title: "OAuth 2.0 access token expired",
    summary: """
      A request carried an OAuth 2.0 bearer token that has outlived its lifetime, and the \
      server turned it down; a new token is needed.
      """,
    meaning: """
      OAuth 2.0 access tokens live for a short time, typically an hour (Atlassian's cloud \
      tokens) or what the provider is configured for (Jira and Confluence Data Center's own \
      provider, an identity provider behind an outgoing link). After that the resource \
      server answers 401 with `error="invalid_token"` and a description saying that the \
      token expired, or a product's own sentence such as Bitbucket Cloud's \
      `Access token expired`. Nothing is wrong with the link itself if the client can \
      refresh: it should trade its refresh token for a new access token and retry. The \
      message is a problem when it keeps coming: the client has no refresh token, its \
      refresh fails (`invalid_grant`), or it caches and reuses the expired token.
      """,
    logMessage:
      #"WWW-Authenticate: Bearer error="invalid_token", error_description="The access token expired""#,
    category: .oauth2,
    causes: [
      Cause(
        """
        The client does not refresh: it never asked for a refresh token (`offline_access` \
        scope for Atlassian cloud apps), or its code stores the first access token and \
        keeps sending it.
        """,
        actions: [
          """
          Check that the authorisation request asks for a refresh token and that the client \
          refreshes when it gets a 401 with `invalid_token`, then retries once.
          """,
          "For a link between products, reconnect the link so that a fresh grant is stored.",
        ]
      ),
      Cause(
        """
        The refresh itself fails, so an expired token stays in use: the refresh token was \
        revoked, rotated and not saved, or the user's grant was removed.
        """,
        actions: [
          """
          Look for `invalid_grant` next to this message (see that problem); the user must \
          authorise the application again.
          """
        ]
      ),
      Cause(
        """
        The clocks of the client, the authorisation server and the resource server \
        disagree, so a token is expired on arrival.
        """,
        actions: [
          "Synchronise every server with NTP and retry with a new token."
        ]
      ),
    ],
    messages: [
      LogMessage(
        .code, literal: "invalid_token",
        pattern:
          "invalid_token[\"']?(?:[^\\ni]|i(?!nvalid_token)){0,200}(?:[Ee]xpired|expiré|abgelaufen)",
        priority: 75),
      LogMessage(
        .wording, literal: "ccess token",
        pattern:
          "[Aa]ccess token (?:has |is |was )?expired|[Aa]ccess token (?:is )?no longer valid",
        priority: 65),
      LogMessage(
        .wording, literal: "token expired",
        pattern:
          "(?:OAuth ?2|[Bb]earer|access_token|accessToken)(?:[^\\nOBba]|O(?!Auth ?2)|[Bb](?!earer)|a(?!ccess_token(?! expired)|ccessToken)){0,80}token expired",
        priority: 60),
    ],
    seeAlso: [
      .problem("oauth2_invalid_grant"),
      .problem("oauth2_refresh_token_missing"),
      .problem("oauth2_authorization_required"),
      .problem("token_expired"),
    ],
    examples: [
      #"WWW-Authenticate: Bearer realm="jira", error="invalid_token", error_description="The access token expired""#,
      #"{"type": "error", "error": {"message": "Access token expired. Use your refresh token to obtain a new access token."}}"#,
      #"{"error":"invalid_token","error_description":"Access token expired: 8f0c2e7d"}"#,
      #"2024-03-05 14:02:11,287 WARN [http-nio-8090-exec-3] [c.a.oauth2.provider.core.token.DefaultTokenService] OAuth 2 access token expired for client 9c1d"#,
    ]
  )
}
