import KnowledgeBase

extension Problem {
  static let remoteAuthTokenRequired = Problem(
    id: "remote_auth_token_required",
    title: "Remote application asks you to authenticate",
    summary: """
      While checking the link, the remote application asked for an OAuth authorisation that \
      the administrator has not given yet.
      """,
    meaning: """
      To diagnose a link, this application reads the link's configuration from the remote \
      application on behalf of the administrator who opened the status. The remote application \
      answered that it needs credentials for that request ("OAuth trust not established"), so \
      the check could not finish. This is about the diagnostic request only: the link may work \
      for users, but its status stays unknown until you authorise it.
      """,
    linkStatusType: "REMOTE_AUTH_TOKEN_REQUIRED",
    logMessage: """
      com.atlassian.applinks.internal.status.remote.ApplinkStatusAccessException: OAuth trust \
      not established
      """,
    category: .userAuthorisation,
    causes: [
      Cause(
        """
        You have not authorised this application to act for you on the remote application, \
        or your earlier authorisation was revoked or expired.
        """,
        actions: [
          """
          On the application links screen, open the link's status details and follow the \
          **Authenticate** prompt.
          """,
          """
          Sign in to the remote application with an administrator account if asked, and \
          approve access.
          """,
          "Reload the application links screen; the status is checked again.",
        ]
      ),
      Cause(
        """
        The remote application does not accept OAuth from this end for that request, because \
        its incoming authentication for this link is off or set up differently.
        """,
        actions: [
          """
          On the remote application, check the link's incoming authentication and make sure \
          OAuth is enabled for this application.
          """,
          """
          If the remote application's log shows an `oauth_problem` for these requests, follow \
          that problem's page instead.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .wording,
        literal: "OAuth trust not established",
        pattern: "OAuth trust not established"
      ),

      LogMessage(
        .wording, literal: #"you need to authenticate with the remote application"#,
        pattern:
          #"see the status of this application link you need to authenticate with the remote application"#,
        priority: 40),
    ],
    seeAlso: [
      .problem("credentials_required"),
      .problem("insufficient_remote_permission"),
      .problem("token_rejected"),
      .flavour("3lo"),
      .article("what-is-oauth"),
    ],
    examples: [
      """
      2024-03-05 14:02:11,287 DEBUG [http-nio-8090-exec-6] \
      [atlassian.applinks.core.DefaultApplinkStatusService] visit \
      '5c2b1d7e-93a4-3f0e-b1c2-7d8e9fa0b1c2' error type: REMOTE_AUTH_TOKEN_REQUIRED
      """,
      """
      Caused by: com.atlassian.applinks.internal.status.remote.ApplinkStatusAccessException: \
      OAuth trust not established
      """,
      """
      {"link":{"id":"5c2b1d7e-93a4-3f0e-b1c2-7d8e9fa0b1c2","name":"Jira"},"working":false,\
      "error":{"category":"ACCESS_ERROR","type":"REMOTE_AUTH_TOKEN_REQUIRED"}}
      """,
      "REMOTE_AUTH_TOKEN_REQUIRED",
      #"Before you are able to see the status of this application link you need to authenticate with the remote application."#,
    ]
  )
}
