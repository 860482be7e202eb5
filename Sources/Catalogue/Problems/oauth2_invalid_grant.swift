import KnowledgeBase

extension Problem {
  static let oauth2InvalidGrant = Problem(
    id: "oauth2_invalid_grant",
    title: "OAuth 2.0 grant refused (invalid_grant)",
    summary: """
      The OAuth 2.0 token endpoint would not turn the authorisation code, refresh token or \
      assertion it was given into an access token.
      """,
    meaning: """
      An OAuth 2.0 client gets its access tokens from the provider's token endpoint by \
      presenting a grant: an authorisation code just after a user approved access, a refresh \
      token later on, or a signed assertion. `invalid_grant` is the standard error code for \
      "this grant is no good": the code has expired or was already used, it was issued for \
      another `redirect_uri` or PKCE challenge, or the refresh token has expired, been revoked \
      or been replaced. The client and its secret were accepted; only the grant was refused. \
      Until somebody authorises the integration again, or the client sends a valid grant, it \
      gets no access token, and whatever depends on it (a mail handler, an outgoing or \
      incoming OAuth 2.0 link, a script) stops working.
      """,
    logMessage: #"{"error":"invalid_grant","error_description":"<reason>"}"#,
    category: .oauth2,
    causes: [
      Cause(
        """
        The authorisation code expired or was used twice. Codes are single-use and very \
        short-lived: Jira Data Center as the provider accepts a code for \
        `atlassian.oauth2.provider.max.client.delay.seconds`, 10 seconds by default and 600 \
        at most, and refuses a replayed code. A client that exchanges the code late, retries \
        the exchange after a timeout, or runs on a server whose clock is off hits this.
        """,
        actions: [
          """
          Start the authorisation again from the beginning and let the client exchange the \
          new code at once, exactly once; a code that failed once can never succeed later.
          """,
          """
          Check the clocks of the client and the provider (`date -u` on both, or \
          `timedatectl status`) and keep them synchronised with NTP.
          """,
          """
          If the client really needs longer between the redirect and the exchange (for \
          example a person copies the code by hand), raise the provider's window with the JVM \
          argument `-Datlassian.oauth2.provider.max.client.delay.seconds=60` (600 at most) and \
          restart Jira.
          """,
        ]
      ),
      Cause(
        """
        The code exchange does not match the authorisation request: the token request sends \
        a `redirect_uri` that differs from the one used to get the code, even by a trailing \
        slash, `http` against `https`, or a port, or it sends a PKCE `code_verifier` that does \
        not belong to the `code_challenge` of that request.
        """,
        actions: [
          """
          Compare the `redirect_uri` in the authorise request (it is in the browser's address \
          bar, or in the proxy's access log for `/rest/oauth2/latest/authorize`) with the one \
          the client sends to the token endpoint and with the one registered for the client. \
          All three must be identical.
          """,
          """
          Replay the exchange by hand to see the provider's own description: \
          `curl -s -X POST https://jira.example.com/rest/oauth2/latest/token \
          -d grant_type=authorization_code -d client_id=<id> -d client_secret=<secret> \
          -d code=<code> -d redirect_uri=<uri> -d code_verifier=<verifier>`, with a fresh \
          code.
          """,
          """
          If the client uses PKCE, make sure it keeps the verifier of each authorisation and \
          sends that same value, and that the challenge method it announces (`S256` or \
          `plain`) matches how it derived the challenge.
          """,
        ]
      ),
      Cause(
        """
        The refresh token is no longer valid: it expired, the user or an administrator \
        revoked the access, the user's password or the provider's policy changed, or the \
        provider rotates refresh tokens and the client used an old one. Atlassian's cloud \
        products, for example, hand out a new refresh token with every refresh, so a client \
        that keeps the first one, or two client nodes that share it and refresh at the same \
        time, soon present a token that has already been replaced. Jira Data Center as a \
        provider also checks the `redirect_uri` on a refresh request, and a third-party \
        client library reports `invalid_grant` when it is left out.
        """,
        actions: [
          """
          Authorise the integration again, so the client receives a new pair of tokens; for a \
          Jira or Confluence integration this is done from its OAuth 2.0 settings (for mail, \
          from the incoming mail server that uses it).
          """,
          """
          For your own client, store the refresh token that comes back from every refresh and \
          let only one process refresh at a time.
          """,
          """
          Check on the provider whether the access was revoked or the user's account or \
          password changed, and whether a refresh-token lifetime or inactivity policy applies.
          """,
          """
          When refreshing against Jira Data Center, send the same `redirect_uri` as in the \
          original authorisation along with `grant_type=refresh_token`.
          """,
        ]
      ),
      Cause(
        """
        A signed assertion (a JWT used as the grant or to authenticate the client) names the \
        wrong audience, so the provider answers with a description such as `Invalid aud`. \
        The `aud` claim has to be exactly the value the provider expects, usually its token \
        endpoint URL or issuer identifier.
        """,
        actions: [
          """
          Decode the assertion's payload (the part between the two dots) with \
          `cut -d. -f2 <<< "$JWT" | base64 -d` (add `=` padding if `base64` complains) and \
          read its `aud`, `iss`, `exp` and `nbf` claims.
          """,
          """
          Set `aud` to exactly what the provider documents, including scheme, host, path and \
          any trailing slash, and check that `exp` lies in the future on the provider's clock.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .code,
        literal: #"invalid_grant"#,
        pattern: #"(?:^|[^A-Za-z0-9_])invalid_grant(?![A-Za-z0-9_])"#,
        priority: 60
      ),

      LogMessage(
        .wording, literal: #"Token has been expired or revoked"#,
        pattern: #"Token has been expired or revoked"#,
        priority: 55),
      LogMessage(
        .wording, literal: #"authorization_code is invalid"#,
        pattern: #"authorization_code is invalid"#,
        priority: 55),
    ],
    seeAlso: [
      .problem("oauth2_invalid_client"),
      .problem("oauth2_refresh_token_missing"),
      .problem("oauth2_authorization_required"),
      .problem("timestamp_refused"),
      .article("log-locations"),
    ],
    examples: [
      #"Response: {"error":"invalid_grant","error_description":"Invalid aud: https://auth.atlassian.io"}"#,
      #"Error: invalid_grant"#,
      #"2024-03-05 14:02:11,287 WARN [Caesium-1-2] [oauth2.client.core.DefaultTokenRefresher] Refreshing the token of integration google-mail failed: {"error": "invalid_grant", "error_description": "Token has been expired or revoked."}"#,
    ]
  )
}
