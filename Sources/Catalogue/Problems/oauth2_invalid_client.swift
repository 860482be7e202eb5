import KnowledgeBase

extension Problem {
  static let oauth2InvalidClient = Problem(
    id: "oauth2_invalid_client",
    title: "OAuth 2.0 client not accepted (invalid_client)",
    summary: """
      The OAuth 2.0 provider did not accept the client itself: its client ID is unknown, its \
      secret is wrong or expired, or it may not use the grant or redirect URI it asked for.
      """,
    meaning: """
      Before a provider looks at any code or token, it identifies the client from its client \
      ID and checks the client's credentials, usually the client secret. `invalid_client` \
      means that check failed: the provider does not know the ID, or the secret (or the way \
      it was sent) is wrong. The related `unauthorized_client` means the client was \
      recognised but is not allowed the grant type it asked for. Either way no user can \
      authorise the integration and no token can be refreshed, so everything built on it \
      fails until the client's registration and the integration's settings agree again.
      """,
    logMessage: #"{"error":"invalid_client","error_description":"<reason>"}"#,
    category: .oauth2,
    causes: [
      Cause(
        """
        The client secret is wrong or has expired. Microsoft Entra ID (Azure AD) reports an \
        expired secret as `AADSTS7000222` (the client secret keys for the app are expired) \
        and a wrong one as `AADSTS7000215` (invalid client secret provided), which often \
        means the secret's ID was pasted instead of its value. Secrets also stop matching \
        when someone generates a new one on the provider and forgets the integration.
        """,
        actions: [
          """
          On the provider, create a new secret for the client; in the Azure portal this is \
          **App registrations**, the app, **Certificates & secrets**, **New client secret**. \
          Copy its *value* straight away: Azure shows it only once.
          """,
          """
          Paste the new secret into the integration: edit the OAuth 2.0 link or integration \
          on the product's application links screen (in Jira 8.22 and later, \
          **Administration** > **Applications** > **Application links**), then save and \
          authorise it again.
          """,
          """
          Note the new secret's expiry date and plan its renewal; the Azure portal offers \
          lifetimes of 24 months at most.
          """,
        ]
      ),
      Cause(
        """
        The client ID is not known to the provider: the registration was deleted or created \
        again (which issues a new client ID and secret), the integration points at another \
        tenant or provider instance, or an ID was copied with a typing error. When Jira Data \
        Center is the provider, deleting and recreating an incoming link has the same effect \
        on every external client that used the old credentials.
        """,
        actions: [
          """
          Compare the client ID in the integration with the one shown in the provider's \
          registration (for Jira as provider, in the incoming link's details on the \
          application links screen).
          """,
          """
          Check that the authorisation and token endpoints in the integration belong to the \
          tenant or instance where the client is registered, for example the tenant ID in a \
          `login.microsoftonline.com/<tenant>/oauth2/v2.0/token` URL.
          """,
          "Enter the current client ID and secret, save, and authorise the integration again.",
        ]
      ),
      Cause(
        """
        The client sends its credentials in a way the provider does not accept: in the \
        `Authorization: Basic` header (`client_secret_basic`) where the provider wants them \
        in the request body (`client_secret_post`), or the other way round, or a public \
        client sends no secret where a confidential one is required.
        """,
        actions: [
          """
          Look up the client authentication methods the provider supports (its \
          `/.well-known/openid-configuration` lists them under \
          `token_endpoint_auth_methods_supported`).
          """,
          """
          Test both forms with `curl`: `curl -s -u '<id>:<secret>' -d grant_type=... \
          <token URL>` sends them in the header, `curl -s -d client_id=<id> \
          -d client_secret=<secret> -d grant_type=... <token URL>` in the body.
          """,
          """
          Set the client, or its registration on the provider, to the method that works, and \
          make sure a secret containing special characters is URL-encoded in the header form.
          """,
        ]
      ),
      Cause(
        """
        The client is known but not allowed what it asks for (`unauthorized_client`): its \
        registration does not permit the grant type (authorisation code, refresh token, \
        client credentials), or the redirect URI it sends is not registered. Providers \
        report the latter in their own words, for example Microsoft's `AADSTS50011` or \
        Google's `redirect_uri_mismatch`, on the sign-in page rather than in the token \
        response.
        """,
        actions: [
          """
          Copy the redirect URL that Jira or Confluence shows on the integration's \
          configuration screen and register it on the provider exactly, with the same scheme, \
          host, port and path.
          """,
          """
          In the provider's registration, allow the grant types the integration uses; a \
          registration made for a single-page or mobile app often lacks the web \
          authorisation-code flow with a secret.
          """,
          """
          If the product's base URL changed, update the redirect URI on the provider too, \
          since the product builds the URL from its base URL.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .code,
        literal: #"invalid_client"#,
        pattern: #"(?:^|[^A-Za-z0-9_])invalid_client(?![A-Za-z0-9_])"#,
        priority: 60
      ),
      LogMessage(
        .code,
        literal: #"unauthorized_client"#,
        pattern: #"(?:^|[^A-Za-z0-9_])unauthorized_client(?![A-Za-z0-9_])"#,
        priority: 60
      ),
      LogMessage(
        .code,
        literal: #"AADSTS7000222"#,
        pattern: #"AADSTS7000222"#
      ),
      LogMessage(
        .code,
        literal: #"AADSTS7000215"#,
        pattern: #"AADSTS7000215"#
      ),
      LogMessage(
        .wording,
        literal: #"nvalid redirect_uri"#,
        pattern: #"[Ii]nvalid redirect_uri"#,
        priority: 60
      ),

      LogMessage(
        .wording, literal: #"Client credentials missing"#,
        pattern:
          #"Client credentials missing; this request needs to be authenticated with the OAuth client"#,
        priority: 55),
    ],
    seeAlso: [
      .problem("oauth2_invalid_grant"),
      .problem("oauth2_authorization_required"),
      .problem("consumer_key_unknown"),
      .article("log-locations"),
    ],
    examples: [
      #"Refresh Token Failed. Reported Reason: AADSTS7000222 ....."#,
      #"{"error":"invalid_client","error_description":"Client authentication failed"}"#,
      #"https://id.atlassian.com/error?error=unauthorized_client&error_description=redirect_uri%20is%20not%20registered%20for%20client:%20https://riptide-api.humanlayer.com/integrations/jira/callback"#,
    ]
  )
}
