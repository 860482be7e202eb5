import KnowledgeBase

extension Problem {
  static let linkDisabled = Problem(
    id: "link_disabled",
    title: "Application link is disabled",
    summary: """
      The link exists, but authentication is switched off in both directions on both ends, \
      so the link and the integration features that rely on it do nothing.
      """,
    meaning: """
      The status screen shows the DISABLED lozenge when the status check finds that neither \
      end of the link authenticates requests: OAuth is off for incoming and outgoing \
      requests on this application and on the remote one, and no legacy authentication is \
      left either. Nothing is broken in the network or the certificates; the link has \
      simply been configured to do nothing. Features that depend on it, such as Jira issue \
      macros, development panels or linked issues, stay empty or fall back to anonymous \
      access, and users are never asked to authorise.
      """,
    linkStatusType: "DISABLED",
    logMessage: "DISABLED",
    category: .linkConfiguration,
    causes: [
      Cause(
        """
        Someone set the link's authentication to disabled on both ends, for example while \
        troubleshooting, or to stop an integration for a while.
        """,
        actions: [
          """
          On the application links screen, edit the link and choose OAuth (or OAuth with \
          impersonation, if both applications share the same users) for incoming and \
          outgoing requests; then do the same on the remote application.
          """,
          """
          Or set the OAuth level of this end over REST as an administrator: \
          `curl -s -u admin -X PUT -H "Content-Type: application/json" \
          -d '{"incoming":{"enabled":true,"twoLoEnabled":true,\
          "twoLoImpersonationEnabled":false},"outgoing":{"enabled":true,"twoLoEnabled":true,\
          "twoLoImpersonationEnabled":false}}' \
          https://jira.example.com/rest/applinks/3.0/status/<link id>/oauth`, and the same \
          on the remote end for its link.
          """,
          """
          Reload the links screen on both applications; both ends must use the same level, \
          otherwise the status changes to an OAuth mismatch.
          """,
        ]
      ),
      Cause(
        """
        The link used to rely on Trusted Applications or Basic Access, and that legacy \
        authentication was removed (by hand, or after an upgrade) without OAuth being \
        turned on in its place.
        """,
        actions: [
          """
          Turn on OAuth on both ends as described above, then test a feature that uses the \
          link.
          """
        ]
      ),
      Cause(
        """
        The link is no longer wanted, and it was switched off instead of deleted.
        """,
        actions: [
          """
          If no feature needs it, delete the link on both ends; a disabled link only keeps \
          showing up on the status screen.
          """
        ]
      ),
    ],
    messages: [
      LogMessage(
        .wording, literal: #"any integration features are disabled"#,
        pattern: #"application link and any integration features are disabled"#,
        priority: 40),
      LogMessage(
        .wording, literal: #"are both set to disabled"#,
        pattern: #"outgoing and incoming connections are both set to disabled"#,
        priority: 40),
    ],
    seeAlso: [
      .problem("no_outgoing_auth"),
      .problem("oauth_mismatch"),
      .problem("legacy_auth_in_use"),
      .problem("unsupported_oauth_level"),
      .article("what-is-oauth"),
    ],
    examples: [
      #"{"working": false, "error": {"category": "DISABLED", "type": "DISABLED"}}"#,
      #"{"link":{"id":"5c2b1d7e-93a4-3f0e-b1c2-7d8e9fa0b1c2","name":"Jira"},"working":false,"error":{"category":"DISABLED","type":"DISABLED"}}"#,
      #"2024-03-05 14:02:11,287 DEBUG [http-nio-8090-exec-3] [applinks.internal.status.DefaultApplinkStatusService] Status of link 5c2b1d7e-93a4-3f0e-b1c2-7d8e9fa0b1c2: {"type": "DISABLED"}"#,
      #"The application link and any integration features are disabled."#,
    ]
  )
}
