import KnowledgeBase

extension Problem {
  static let oauth2AuthorizationRequired = Problem(
    id: "oauth2_authorization_required",
    title: "OAuth 2.0 integration not authorised yet",
    summary: """
      A mail server or other connection is set to use an OAuth 2.0 integration, but no access \
      token has been obtained for it, so the connection cannot sign in.
      """,
    meaning: """
      Choosing an OAuth 2.0 integration for a connection is only half of the set-up: an \
      administrator must also authorise it once, signing in to the provider (Google, \
      Microsoft or another) with the account the connection should use. Only then does the \
      product hold a token for that connection. `OAuth token not defined for connection. \
      OAuth Authorisation required.` means that step is missing, or its result is gone. \
      Jira and Jira Service Management show it when a mail handler is tested, under the \
      heading `We couldn't connect to your mail server`, and mail is not fetched until the \
      integration is authorised.
      """,
    logMessage: "OAuth token not defined for connection. OAuth Authorisation required.",
    category: .oauth2,
    causes: [
      Cause(
        """
        The mail server was saved with OAuth 2.0 selected, but nobody completed the \
        authorisation for it.
        """,
        actions: [
          """
          Open the mail server's settings: in Jira under **Administration** > **System** > \
          **Incoming mail**, in Jira Service Management under the project's **Project \
          settings** > **Email requests**.
          """,
          """
          Select the OAuth 2.0 integration, start the authorisation from there and sign in to \
          the provider with the mailbox account (or an account with full access to that \
          mailbox), then allow the requested access.
          """,
          "Back in the product, save the mail server and run its connection test.",
        ]
      ),
      Cause(
        """
        The connection had a token, but it was lost: the OAuth 2.0 integration was edited \
        (for example given a new client secret), deleted and created again, or its refresh \
        failed and the product gave up on the token.
        """,
        actions: [
          """
          Check the OAuth 2.0 integration itself first; from Jira 8.22 it is listed under \
          **Administration** > **Applications** > **Application links** (Jira 8.10 to 8.21: \
          **Administration** > **System** > **OAuth 2.0**), and the OAuth 2.0 client settings \
          page can also be opened directly at `/plugins/servlet/oauth2`.
          """,
          """
          Search the log around the time the mail handler stopped for OAuth 2.0 errors such \
          as `invalid_grant`, `invalid_client` or a missing refresh token, and fix that \
          first.
          """,
          "Authorise the mail server's connection again and test it.",
        ]
      ),
      Cause(
        """
        The authorisation was started but never finished: a pop-up blocker stopped the \
        provider's window, the administrator closed it, or the provider sent the browser back \
        to a different address than the one the administrator was using (the redirect URL \
        is built from the product's base URL), so the result never reached the session that \
        asked for it.
        """,
        actions: [
          """
          Open the product through its configured base URL (see its general configuration), \
          allow pop-ups for it, and run the authorisation again.
          """,
          """
          Check that the redirect URL registered with the provider matches the one the \
          integration shows, character for character.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .wording,
        literal: #"OAuth token not defined for connection"#,
        pattern: #"OAuth token not defined for connection"#
      )
    ],
    seeAlso: [
      .problem("oauth2_refresh_token_missing"),
      .problem("oauth2_invalid_grant"),
      .problem("oauth2_invalid_client"),
      .problem("credentials_required"),
      .article("log-locations"),
    ],
    examples: [
      #"OAuth token not defined for connection. OAuth Authorisation required."#,
      #"      Here's the error we received: "OAuth token not defined for connection. OAuth Authorisation required.""#,
      #"2024-03-05 14:02:11,287+0000 Caesium-1-3 ERROR ServiceRunner     [c.a.jira.mail.MailFetcherService] Mail handler 'Support inbox': OAuth token not defined for connection. OAuth Authorisation required."#,
    ]
  )
}
