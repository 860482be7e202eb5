import KnowledgeBase

extension Problem {
  static let oauthMismatch = Problem(
    id: "oauth_mismatch",
    title: "OAuth mismatch",
    summary: """
      The two ends of the application link are set up with different OAuth configurations.
      """,
    meaning: """
      An application link has an OAuth configuration at each end, and the two must agree for \
      requests to be authenticated the way the administrators intended. The link status check \
      reports `AUTH_LEVEL_MISMATCH` when the local and the remote configuration differ, for \
      example when one end uses impersonation and the other does not. The fix lies in the link \
      settings, on one end or both, not in the network.
      """,
    linkStatusType: "AUTH_LEVEL_MISMATCH",
    logMessage: "AUTH_LEVEL_MISMATCH",
    category: .linkConfiguration,
    causes: [
      Cause(
        """
        The OAuth configuration of the link is not the same at both ends. What one end uses \
        for its outgoing requests is not what the other end accepts for incoming ones, for \
        example 2-legged OAuth with impersonation on one side and without it on the other.
        """,
        actions: [
          """
          Open the application link on both applications and compare the OAuth settings of \
          each end, for incoming and for outgoing requests.
          """,
          """
          Decide which OAuth flavour the link should use and set both ends to it. To use \
          impersonation, for instance, enable it on the local end and on the remote end.
          """,
          """
          Reload the application links administration screen on both applications and check \
          that the link no longer reports the mismatch.
          """,
        ]
      )
    ],
    messages: [
      LogMessage(
        .wording, literal: #"authentication configurations may not match"#,
        pattern: #"incoming and outgoing authentication configurations may not match"#,
        priority: 40),
      LogMessage(
        .wording, literal: #"error in the configuration settings of the application link"#,
        pattern: #"error in the configuration settings of the application link"#,
        priority: 40),
    ],
    seeAlso: [
      .problem("unsupported_oauth_level"),
      .flavour("3lo"),
      .flavour("2lo"),
      .flavour("2lo-impersonation"),
      .flavour("2lo-execute-as"),
      .article("what-is-oauth"),
    ],
    examples: [
      "AUTH_LEVEL_MISMATCH",
      #"{"category":"CONFIG_ERROR","type":"AUTH_LEVEL_MISMATCH","details":null}"#,
      "Application link status: AUTH_LEVEL_MISMATCH",
      """
      2024-03-05 14:02:11,287 http-nio-8080-exec-12 DEBUG admin 842x1203x1 1k9a2i5 10.0.0.7 \
      /rest/applinks/3.0/status/a740ca68-a1de-3dd0-89ef-8f363372ee73 \
      [c.a.applinks.core.DefaultApplinkStatusService] \
      'a740ca68-a1de-3dd0-89ef-8f363372ee73' error type: AUTH_LEVEL_MISMATCH
      """,
      #"There is a problem with the configuration of the application link. For example, your incoming and outgoing authentication configurations may not match."#,
    ]
  )
}
