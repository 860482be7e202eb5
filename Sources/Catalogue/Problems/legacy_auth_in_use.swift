import KnowledgeBase

extension Problem {
  static let legacyAuthInUse = Problem(
    id: "legacy_auth_in_use",
    title: "Link still uses Trusted Applications or Basic Access",
    summary: """
      The link still relies on the deprecated Trusted Applications or Basic Access \
      authentication, which current Application Links no longer support, and needs updating \
      to OAuth.
      """,
    meaning: """
      Since Application Links 5.2, OAuth is the only supported authentication for \
      application links; Trusted Applications and Basic Access are deprecated and \
      unsupported. A link that still has either of them, on either end, is marked \
      DEPRECATED on the links screen. The status type tells you which way out is open: \
      `LEGACY_UPDATE` means the link can be switched to OAuth automatically, \
      `LEGACY_REMOVAL` that OAuth is already there and the legacy part can be removed \
      automatically, and the `MANUAL_` types that you have to do it by hand, because you \
      lack system administrator rights on the remote or the remote is too old to be \
      changed from here (`MANUAL_LEGACY_REMOVAL_WITH_OLD_EDIT`). Until then, features may \
      fail with Trusted Applications errors, or keep working only as long as the remote \
      still honours the legacy method.
      """,
    linkStatusType: "LEGACY_UPDATE",
    otherLinkStatusTypes: [
      "LEGACY_REMOVAL", "MANUAL_LEGACY_UPDATE", "MANUAL_LEGACY_REMOVAL",
      "MANUAL_LEGACY_REMOVAL_WITH_OLD_EDIT",
    ],
    logMessage: "LEGACY_UPDATE",
    category: .trustedApplications,
    causes: [
      Cause(
        """
        The link uses only Trusted Applications or Basic Access, and you are signed in as a \
        system administrator of the remote application as well (`LEGACY_UPDATE`).
        """,
        actions: [
          """
          Click the DEPRECATED lozenge on the links screen and choose the update. It adds \
          OAuth to both ends, checks that the new connection works, and then turns off \
          the legacy authentication.
          """,
          "Check the status again and test a feature that uses the link.",
        ]
      ),
      Cause(
        """
        The link uses only legacy authentication, but this session has no system \
        administrator access to the remote application (`MANUAL_LEGACY_UPDATE`).
        """,
        actions: [
          """
          Sign in to the remote application as a system administrator in the same browser \
          and reload the links screen; the automatic update then becomes available.
          """,
          """
          Otherwise update by hand: on each end, edit the link, turn on OAuth for incoming \
          and outgoing requests at the same level, check that the link works, and only then \
          turn off Trusted Applications and Basic Access.
          """,
        ]
      ),
      Cause(
        """
        OAuth is already configured, but the legacy authentication was never removed. \
        `LEGACY_REMOVAL` means it can be removed automatically (this is also the case when \
        all that is left is this end's outgoing Basic Access); `MANUAL_LEGACY_REMOVAL` that \
        you have to remove it by hand, because you lack system administrator access to the \
        remote; and `MANUAL_LEGACY_REMOVAL_WITH_OLD_EDIT` that the remote's older \
        Application Links lets you do so only on its older link-editing screens.
        """,
        actions: [
          """
          With `LEGACY_REMOVAL`, use the lozenge's option to remove the deprecated \
          authentication.
          """,
          """
          With a `MANUAL_` type, sign in to the remote as an administrator, edit its link to \
          this application and turn off Trusted Applications and Basic Access for incoming \
          and outgoing requests, leaving OAuth on; on an older remote, look for these \
          settings under the link's incoming and outgoing authentication tabs.
          """,
          "Reload the links screen on both ends; the DEPRECATED lozenge should be gone.",
        ]
      ),
      Cause(
        """
        Trusted Applications certificates remain from links that were deleted or updated: \
        the links screen lists them as orphaned trust certificates.
        """,
        actions: [
          """
          Check that no integration outside application links still depends on them, then \
          delete them from the orphaned trust certificates list on the links screen.
          """
        ]
      ),
    ],
    messages: [
      LogMessage(
        .wording, literal: #"might be using a deprecated authentication type"#,
        pattern:
          #"needs to be upgraded because you might be using a deprecated authentication type"#,
        priority: 40),
      LogMessage(
        .wording, literal: #"is outdated and no longer recommended"#,
        pattern: #"[Aa]pplication link is outdated and no longer recommended"#,
        priority: 40),
    ],
    seeAlso: [
      .problem("trusted_apps_bad_signature"),
      .problem("trusted_apps_certificate_too_old"),
      .problem("trusted_apps_bad_remote_ip"),
      .problem("oauth_challenge_unanswered"),
      .article("what-is-oauth"),
    ],
    examples: [
      #"{"working": false, "error": {"category": "DEPRECATED", "type": "LEGACY_UPDATE"}}"#,
      #"MANUAL_LEGACY_REMOVAL_WITH_OLD_EDIT"#,
      #"2024-03-05 14:02:11,287 DEBUG [http-nio-8090-exec-3] [applinks.internal.status.DefaultApplinkStatusService] visit application link 5c2b1d7e-93a4-3f0e-b1c2-7d8e9fa0b1c2 error type LEGACY_REMOVAL"#,
      #"The configuration of the application link needs to be upgraded because you might be using a deprecated authentication type."#,
    ]
  )
}
