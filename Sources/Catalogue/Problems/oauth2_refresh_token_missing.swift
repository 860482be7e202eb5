import KnowledgeBase

extension Problem {
  static let oauth2RefreshTokenMissing = Problem(
    id: "oauth2_refresh_token_missing",
    title: "OAuth 2.0 provider issued no refresh token",
    summary: """
      Jira or Confluence, as an OAuth 2.0 client, refused to save an authorisation because \
      the provider returned no refresh token and only a short-lived access token.
      """,
    meaning: """
      When Jira or Confluence acts as an OAuth 2.0 client, for an incoming mail handler or \
      an outgoing link to Google, Microsoft or another provider, it has to keep working long \
      after the administrator clicked through the authorisation. It can do that only if the \
      provider returns a refresh token, or an access token that lives long enough on its \
      own: by default at least 30 days \
      (`atlassian.oauth2.client.minimum.access.token.only.lifetime.days`). When neither is \
      the case the authorisation is rejected with `Refresh token is not present and access \
      token lifetime is too short`. For provider types that always need a refresh token, \
      such as Google and Microsoft, the message reads `Refresh token is missing but required \
      for the provider: <provider>` instead. The integration stays unauthorised, so the mail \
      handler or link does not connect.
      """,
    logMessage: """
      Error occurred while authorizing an integration. The error message is: Refresh token is \
      not present and access token lifetime is too short.
      """,
    category: .oauth2,
    causes: [
      Cause(
        """
        The integration talks to Google but was created with the **Custom** provider type. \
        Google issues a refresh token only when the authorisation request asks for offline \
        access (`access_type=offline`) and for the consent screen (`prompt=consent`); the \
        Google provider type sends both, the Custom type does not.
        """,
        actions: [
          """
          Create the integration again with the **Google** provider type, using the same \
          client ID and secret from the Google Cloud console, and point the mail server at \
          the new integration.
          """,
          "Authorise it, then run the mail server's connection test.",
        ]
      ),
      Cause(
        """
        The integration talks to the Microsoft identity platform without the \
        `offline_access` scope, which Microsoft requires before it returns a refresh token. \
        The **Microsoft** provider type adds the scope automatically; a Custom integration \
        has to list it.
        """,
        actions: [
          """
          Use the **Microsoft** provider type, or add `offline_access` to the scopes of the \
          Custom integration next to the mail scopes it needs.
          """,
          """
          In the Azure portal, check that the app registration's API permissions include \
          `offline_access` and that consent was granted for them.
          """,
          "Authorise the integration again and test the connection.",
        ]
      ),
      Cause(
        """
        Google had already granted this client access for the account, so it skipped the \
        consent step and returned no new refresh token, even though the request was \
        otherwise right.
        """,
        actions: [
          """
          Sign in to the Google account used for the mailbox, remove the app's access under \
          the account's third-party access settings, then authorise the integration again so \
          Google asks for consent and issues a refresh token.
          """
        ]
      ),
      Cause(
        """
        A custom provider is set up not to issue refresh tokens (the refresh-token grant is \
        off for the client, or its policy hands out access tokens only) and its access \
        tokens live for less than the client's minimum. A related quirk: when a provider \
        does not say how long its refresh token lasts, the client assumes \
        `atlassian.oauth2.client.default.refresh.token.duration.days` (30), so an integration \
        that fails after about a month may need authorising again.
        """,
        actions: [
          """
          Enable the refresh-token grant for the client on the provider and ask for whatever \
          scope it needs for offline access (often `offline_access`).
          """,
          """
          Only if the provider cannot issue refresh tokens and its access tokens really are \
          long-lived, lower the minimum with the JVM argument \
          `-Datlassian.oauth2.client.minimum.access.token.only.lifetime.days=<days>` and \
          restart; the integration then stops working when that access token expires, and \
          has to be authorised again.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .wording,
        literal: #"Refresh token is not present and access token lifetime is too short"#,
        pattern: #"Refresh token is not present and access token lifetime is too short"#
      ),
      LogMessage(
        .wording,
        literal: #"Refresh token is missing but required for the provider"#,
        pattern: #"Refresh token is missing but required for the provider"#
      ),
    ],
    seeAlso: [
      .problem("oauth2_authorization_required"),
      .problem("oauth2_invalid_grant"),
      .problem("oauth2_invalid_client"),
      .article("log-locations"),
    ],
    examples: [
      #"Error occurred while authorizing an integration. The error message is: Refresh token is not present and access token lifetime is too short."#,
      #"2024-03-05 14:02:11,287+0000 http-nio-8080-exec-7 ERROR admin 842x1127x1 1w2e3r4 10.0.0.7 /plugins/servlet/oauth2/client/callback [c.a.oauth2.client.flow.FlowRequestServlet] Refresh token is missing but required for the provider: GOOGLE"#,
      #"2024-03-05 14:02:11,287 ERROR [http-nio-8090-exec-4] [atlassian.oauth2.client.flow.FlowRequestServlet] Refresh token is not present and access token lifetime is too short PT59M"#,
    ]
  )
}
