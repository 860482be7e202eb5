import KnowledgeBase

extension Problem {
  static let insufficientRemotePermission = Problem(
    id: "insufficient_remote_permission",
    title: "No administrator rights on the remote application",
    summary: """
      The link's status could not be checked because your account on the remote application \
      is not an administrator there.
      """,
    meaning: """
      Checking a link means reading its configuration on the remote application, and only \
      administrators of that application may read it. The remote application recognised the \
      request but answered that the account behind it lacks that permission. The link itself \
      may work for ordinary users; only the diagnostics are blocked.
      """,
    linkStatusType: "INSUFFICIENT_REMOTE_PERMISSION",
    logMessage: """
      com.atlassian.applinks.internal.status.remote.ApplinkStatusAccessException: Admin \
      permission required to access remote application link authentication
      """,
    category: .linkConfiguration,
    causes: [
      Cause(
        """
        Your account on this application maps to an account on the remote application that \
        is not an administrator there (a different user name, or a user outside the \
        administrators' group).
        """,
        actions: [
          """
          Ask an administrator of the remote application to check the link from this end, or \
          to grant your remote account administrator rights if that is appropriate.
          """,
          """
          Otherwise check the link from the remote application's side, signed in there as an \
          administrator.
          """,
        ]
      ),
      Cause(
        """
        You authorised the link earlier while signed in to the remote application as a \
        non-administrator, so the stored token acts as that account.
        """,
        actions: [
          """
          Revoke that access token (on the remote application, in your profile's list of \
          authorised applications), then authenticate again from the link's status while \
          signed in there as an administrator.
          """,
          "Reload the application links screen to repeat the check.",
        ]
      ),
    ],
    messages: [
      LogMessage(
        .wording,
        literal: "Admin permission required to access remote application link authentication",
        pattern: "Admin permission required to access remote application link authentication"
      ),

      LogMessage(
        .wording, literal: #"admin privileges on the remote application"#,
        pattern: #"do not have admin privileges on the remote application to see the status"#,
        priority: 40),
      LogMessage(
        .wording, literal: #"insufficient permissions on the linked"#,
        pattern: #"unable to connect due to insufficient permissions on the linked"#,
        priority: 40),
    ],
    seeAlso: [
      .problem("remote_auth_token_required"),
      .problem("no_remote_applink"),
      .problem("credentials_required"),
      .flavour("3lo"),
    ],
    examples: [
      """
      2024-03-05 14:02:11,287 DEBUG [http-nio-7990-exec-9] admin @1KIQBHMx418x285211x2 wpmwu \
      10.0.0.7 "GET /rest/applinks/3.0/status/144880e9-a353-312f-9412-ed028e8166fa HTTP/1.1" \
      c.a.applinks.core.DefaultApplinkStatusService '144880e9-a353-312f-9412-ed028e8166fa' \
      error type: INSUFFICIENT_REMOTE_PERMISSION
      """,
      """
      Caused by: com.atlassian.applinks.internal.status.remote.ApplinkStatusAccessException: \
      Admin permission required to access remote application link authentication
      """,
      """
      {"link":{"id":"144880e9-a353-312f-9412-ed028e8166fa","name":"Jira"},"working":false,\
      "error":{"category":"ACCESS_ERROR","type":"INSUFFICIENT_REMOTE_PERMISSION"}}
      """,
      "INSUFFICIENT_REMOTE_PERMISSION",
      #"You do not have admin privileges on the remote application to see the status of the application link."#,
    ]
  )
}
