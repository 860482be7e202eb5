import KnowledgeBase

extension Problem {
  static let noOutgoingAuth = Problem(
    id: "no_outgoing_auth",
    title: "Link has no outgoing authentication",
    summary: """
      This end of the link sends its requests without OAuth, so the remote application \
      treats them as anonymous and the status check cannot ask it about the link.
      """,
    meaning: """
      For requests from this application to the remote one, the link needs outgoing \
      authentication: OAuth, or OAuth with impersonation. `NO_OUTGOING_AUTH` (listed under \
      the INCOMPATIBLE category) means this end has neither configured, so the status check \
      cannot make the authenticated call it needs to read the remote's side of the link. \
      Features that use the link send their requests anonymously too, and the remote \
      answers as it would to a visitor who is not signed in: with public data only, with a \
      login page, or with a refusal such as Confluence's \
      `Anonymous RPC access is disabled on this server`.
      """,
    linkStatusType: "NO_OUTGOING_AUTH",
    logMessage: """
      com.atlassian.applinks.internal.status.remote.NoOutgoingAuthenticationException: \
      Neither 3LO nor 2LOi auth configured
      """,
    category: .linkConfiguration,
    causes: [
      Cause(
        """
        Outgoing authentication was never configured on this end: the link was created by \
        hand, only partly, or with its outgoing side left disabled.
        """,
        actions: [
          """
          On the application links screen, edit the link and set the outgoing \
          authentication to OAuth, or to OAuth with impersonation if both applications share \
          the same users.
          """,
          """
          On the remote application, set the incoming authentication of its link to this \
          application to the same level, so both ends agree.
          """,
          "Reload the links screen on both ends and check that the link shows CONNECTED.",
        ]
      ),
      Cause(
        """
        The outgoing side still uses only Trusted Applications or Basic Access. Since \
        Application Links 5.2 only OAuth counts, so the check finds no outgoing \
        authentication it can use.
        """,
        actions: [
          """
          Update the link to OAuth (the links screen offers this for links marked \
          DEPRECATED), or configure OAuth by hand on both ends and remove the legacy \
          authentication afterwards.
          """
        ]
      ),
      Cause(
        """
        An administrator tried to make anonymous requests work instead, for example by \
        allowing anonymous access to Confluence's remote API. That hides the symptom but \
        leaves every request without a user.
        """,
        actions: [
          """
          Leave anonymous API access as your security policy requires and fix the link's \
          outgoing authentication instead; with OAuth, requests run as the user who made \
          them (or, with impersonation, as the same user on the remote).
          """
        ]
      ),
    ],
    messages: [
      LogMessage(
        .wording,
        literal: #"Anonymous RPC access is disabled"#,
        pattern: #"Anonymous RPC access is disabled"#
      )
    ],
    seeAlso: [
      .problem("link_disabled"),
      .problem("oauth_challenge_unanswered"),
      .problem("oauth_mismatch"),
      .problem("legacy_auth_in_use"),
      .article("what-is-oauth"),
    ],
    examples: [
      #"{"working": false, "error": {"category": "INCOMPATIBLE", "type": "NO_OUTGOING_AUTH"}}"#,
      #"Anonymous RPC access is disabled on this server"#,
      #"2024-03-05 14:02:11,287 DEBUG [http-nio-8090-exec-3] [applinks.internal.status.DefaultApplinkStatusService] visit application link 5c2b1d7e-93a4-3f0e-b1c2-7d8e9fa0b1c2 error type NO_OUTGOING_AUTH"#,
    ]
  )
}
