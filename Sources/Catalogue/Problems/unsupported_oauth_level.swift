import KnowledgeBase

extension Problem {
  static let unsupportedOAuthLevel = Problem(
    id: "unsupported_oauth_level",
    title: "Unsupported OAuth level",
    summary: """
      The link's OAuth level does not support every integration feature the applications \
      offer, so some of them stay unavailable.
      """,
    meaning: """
      The link authenticates, but the OAuth level it is configured with is too narrow for some \
      integration features. The link status check reports this as `AUTH_LEVEL_UNSUPPORTED`. \
      Users notice it as missing features: for example, the team cannot open the details \
      dialogs of the Development panel in Jira Software issues.
      """,
    linkStatusType: "AUTH_LEVEL_UNSUPPORTED",
    logMessage: "AUTH_LEVEL_UNSUPPORTED",
    category: .linkConfiguration,
    causes: [
      Cause(
        """
        OAuth is enabled on the link without 2-legged OAuth, for example with 3-legged OAuth \
        only. Some integration features rely on 2-legged OAuth.
        """,
        actions: [
          """
          Update the application link to use 2-legged OAuth. Change it on both applications, \
          for incoming and for outgoing requests.
          """,
          """
          Check that both ends now use the same OAuth configuration; if they differ, the link \
          reports an OAuth mismatch instead.
          """,
        ]
      )
    ],
    seeAlso: [
      .problem("oauth_mismatch"),
      .flavour("2lo"),
      .flavour("2lo-impersonation"),
      .flavour("3lo"),
      .article("what-is-oauth"),
    ],
    examples: [
      "AUTH_LEVEL_UNSUPPORTED",
      #"{"category":"DEPRECATED","type":"AUTH_LEVEL_UNSUPPORTED","details":null}"#,
      "Application link status: AUTH_LEVEL_UNSUPPORTED",
      """
      2024-03-05 14:02:11,287 DEBUG [http-nio-8090-exec-3] \
      [applinks.core.DefaultApplinkStatusService] visit \
      'b2f4d1c0-7e3a-3c55-9a61-2d8e5f0c7b14' error type: AUTH_LEVEL_UNSUPPORTED
      """,
    ]
  )
}
