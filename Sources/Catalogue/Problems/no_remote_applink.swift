import KnowledgeBase

extension Problem {
  static let noRemoteApplink = Problem(
    id: "no_remote_applink",
    title: "Remote application has no link back",
    summary: """
      This application has a link to the remote application, but the remote application has \
      no matching link to this one.
      """,
    meaning: """
      An application link works in both directions only when each end holds a link to the \
      other. When this end checked the link's status, the remote application answered, but \
      found no link whose ID or URL matches this application. Requests from this end may still \
      reach the remote, yet the remote cannot recognise them as coming through a link, and \
      features that call back the other way fail.
      """,
    linkStatusType: "NO_REMOTE_APPLINK",
    logMessage: """
      com.atlassian.applinks.internal.status.remote.NoRemoteApplinkException: <remote URL> \
      does not have Application Link to the local application
      """,
    category: .linkConfiguration,
    causes: [
      Cause(
        """
        Only one half of the link was ever created: the reciprocal link was skipped, or \
        creating it failed because the administrator was not an administrator of the remote \
        application too.
        """,
        actions: [
          """
          Sign in to the remote application as an administrator and open its application \
          links screen.
          """,
          """
          Create a link back to this application using this application's base URL, with the \
          same authentication as this end.
          """,
          "Check the status of the link from both ends.",
        ]
      ),
      Cause(
        """
        The remote application has a link to this one, but to an old base URL or an old ID: \
        this application's base URL changed, or it was cloned or restored from another \
        instance.
        """,
        actions: [
          """
          Compare the URL in the remote application's link with this application's current \
          base URL (in its general configuration).
          """,
          """
          If they differ, update the remote application's link to the current URL; if this \
          instance was cloned, delete the stale links on both ends and create the link again.
          """,
        ]
      ),
      Cause(
        """
        The link on the remote application was deleted.
        """,
        actions: [
          """
          Delete the remaining half on this end and create the link again from one end while \
          signed in as an administrator of both applications, so both halves are created \
          together.
          """
        ]
      ),
    ],
    messages: [
      LogMessage(
        .wording,
        literal: "does not have Application Link to the local application",
        pattern: "does not have Application Link to the local application"
      )
    ],
    seeAlso: [
      .problem("insufficient_remote_permission"),
      .problem("consumer_key_unknown"),
      .problem("oauth_mismatch"),
      .article("debug-logging"),
    ],
    examples: [
      """
      2024-03-05 14:02:11,287 http-nio-8080-exec-3 DEBUG admin 842x26597x1 1k9a2i5 10.0.0.7 \
      /rest/applinks/3.0/status/144880e9-a353-312f-9412-ed028e8166fa \
      [c.a.applinks.core.DefaultApplinkStatusService] \
      '144880e9-a353-312f-9412-ed028e8166fa' error type: NO_REMOTE_APPLINK
      """,
      """
      Caused by: com.atlassian.applinks.internal.status.remote.NoRemoteApplinkException: \
      https://confluence.example.com does not have Application Link to the local application
      """,
      """
      {"link":{"id":"144880e9-a353-312f-9412-ed028e8166fa","name":"Confluence"},\
      "working":false,"error":{"category":"CONFIG_ERROR","type":"NO_REMOTE_APPLINK"}}
      """,
      "NO_REMOTE_APPLINK",
    ]
  )
}
