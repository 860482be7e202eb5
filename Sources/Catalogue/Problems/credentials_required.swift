import KnowledgeBase

extension Problem {
  static let credentialsRequired = Problem(
    id: "credentials_required",
    title: "User has not authorised the link yet",
    summary: """
      A request through the link needs the current user's OAuth access token for the remote \
      application, and that user has none yet.
      """,
    meaning: """
      With three-legged OAuth, each user approves the link once and this application then keeps \
      an access token on their behalf. `CredentialsRequiredException` means the user behind the \
      request has no such token, so this end refuses to call the remote application for them. \
      Nothing is broken in the link itself: the product usually shows an "Authenticate" or \
      "Login & approve" prompt instead of the remote content, and the request succeeds once the \
      user has approved it.
      """,
    linkStatusType: "LOCAL_AUTH_TOKEN_REQUIRED",
    logMessage: """
      com.atlassian.applinks.api.CredentialsRequiredException: You do not have an authorized \
      access token for the remote resource.
      """,
    category: .userAuthorisation,
    causes: [
      Cause(
        """
        The user has never approved access to the remote application through this link.
        """,
        actions: [
          """
          Ask the user to open the page, gadget or panel that shows remote content and click \
          **Authenticate** (some screens say **Login & approve**).
          """,
          """
          In the window that opens, the user signs in to the remote application if asked and \
          clicks **Allow**; the original page then loads the remote content.
          """,
          """
          If the approval window never appears, check that the browser does not block pop-ups for \
          this site.
          """,
        ]
      ),
      Cause(
        """
        The user's earlier access token is gone: they revoked it in their profile, the remote \
        application rejected it and this end deleted it, or the link was deleted and created \
        again.
        """,
        actions: [
          "Ask the user to click **Authenticate** again and approve access once more.",
          """
          If the prompt keeps coming back after each approval, search the log just before this \
          message for an `oauth_problem` such as `token_rejected` or `token_expired`.
          """,
        ]
      ),
      Cause(
        """
        The feature runs without an interactive user (a scheduled job, an anonymous visitor, a \
        service account), so nobody can approve a three-legged OAuth token for it.
        """,
        actions: [
          """
          If the data may be read without a particular user, allow two-legged OAuth in the \
          remote application's incoming authentication for this link, so such requests no \
          longer need a user's token.
          """,
          """
          When both applications share the same user base, consider two-legged OAuth with \
          impersonation on both ends instead, so no per-user approval is needed.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .wording,
        literal: "You do not have an authorized access token for the remote resource",
        pattern: "You do not have an authorized access token for the remote resource"
      ),
      LogMessage(
        .exception,
        literal: "CredentialsRequiredException",
        pattern: "CredentialsRequiredException(?![A-Za-z0-9_.])"
      ),
      LogMessage(
        .wording,
        literal: "Local OAuth token not established",
        pattern: "Local OAuth token not established"
      ),
      LogMessage(
        .wording,
        literal: #"login-dance/authorize?applicationLinkID="#,
        pattern: #"plugins/servlet/applinks/oauth/login-dance/authorize\?applicationLinkID="#,
        priority: 60
      ),
      LogMessage(
        .wording,
        literal: #"there was an authentication failure when communicating with"#,
        pattern: #"there was an authentication failure when communicating with"#,
        priority: 60
      ),
      LogMessage(
        .wording,
        literal: #"is missing OAUTH credentials"#,
        pattern: #"is missing OAUTH credentials"#,
        priority: 60
      ),
      LogMessage(
        .wording,
        literal: #"init_access_token must be called before using the client"#,
        pattern: #"init_access_token must be called before using the client"#,
        priority: 60
      ),
      LogMessage(
        .exception,
        literal: #"UninitializedAccessTokenError"#,
        pattern: #"UninitializedAccessTokenError(?![A-Za-z0-9_])"#,
        priority: 60
      ),
      LogMessage(
        .wording,
        literal: #"no access token, please use"#,
        pattern: #"no access token, please use"#,
        priority: 60
      ),

      LogMessage(
        .wording, literal: #"credentials required. Follow this URL"#,
        pattern: #"credentials required\. Follow this URL in your browser"#,
        priority: 50),
    ],
    seeAlso: [
      .problem("remote_auth_token_required"),
      .problem("token_rejected"),
      .flavour("3lo"),
      .flavour("2lo-impersonation"),
      .article("what-is-oauth"),
    ],
    examples: [
      """
      2024-03-05 14:02:11,287 WARN [http-nio-8090-exec-6] \
      [confluence.extra.jira.JiraIssuesMacro] execute \
      com.atlassian.applinks.api.CredentialsRequiredException: You do not have an authorized \
      access token for the remote resource.
      """,
      """
      Caused by: com.atlassian.applinks.api.CredentialsRequiredException: You do not have an \
      authorized access token for the remote resource.
      """,
      """
      2024-03-05 14:02:11,287 http-nio-8080-exec-3 DEBUG admin 842x26597x1 1k9a2i5 10.0.0.7 \
      /rest/applinks/3.0/status/144880e9-a353-312f-9412-ed028e8166fa \
      [c.a.applinks.core.DefaultApplinkStatusService] \
      '144880e9-a353-312f-9412-ed028e8166fa' error type: LOCAL_AUTH_TOKEN_REQUIRED
      """,
      """
      com.atlassian.sal.api.net.ResponseException: \
      com.atlassian.applinks.api.CredentialsRequiredException:
      """,
      """
      com.atlassian.applinks.internal.status.remote.ApplinkStatusAccessException: Local OAuth \
      token not established
      """,
      """
      {"link":{"id":"144880e9-a353-312f-9412-ed028e8166fa","name":"Confluence"},\
      "working":false,"error":{"category":"ACCESS_ERROR","type":"LOCAL_AUTH_TOKEN_REQUIRED"}}
      """,
      #"remote: To authenticate, visit https://jira.example.com/plugins/servlet/applinks/oauth/login-dance/authorize?applicationLinkID=7d1f3a52-0c4b-3b5e-9f1a-2b6c8d9e0f11 in a web browser."#,
    ]
  )
}
