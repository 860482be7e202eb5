import KnowledgeBase

extension Problem {
  static let remoteVersionIncompatible = Problem(
    id: "remote_version_incompatible",
    title: "Remote Application Links version not supported",
    summary: """
      The remote application runs a version of the Application Links plugin too old for \
      this application's status check and link editing, so the link shows INCOMPATIBLE.
      """,
    meaning: """
      To report a link's status and to edit both ends from one screen, this application \
      asks the remote application's Application Links plugin for its capabilities and its \
      OAuth settings. That conversation needs a recent enough plugin on the remote side; \
      the status check does not support remotes older than Application Links 4.0.13. \
      `REMOTE_VERSION_INCOMPATIBLE` (shown as the INCOMPATIBLE lozenge) means the remote \
      reported such a version. The link may still carry requests, but its state cannot be \
      diagnosed from here, and its configuration has to be kept in step by hand on each \
      end.
      """,
    linkStatusType: "REMOTE_VERSION_INCOMPATIBLE",
    logMessage: "REMOTE_VERSION_INCOMPATIBLE",
    category: .linkConfiguration,
    causes: [
      Cause(
        """
        The remote product is an old release whose bundled Application Links plugin \
        predates the status and configuration API.
        """,
        actions: [
          """
          Read the remote's Application Links version from its manifest: \
          `curl -s https://confluence.example.com/rest/applinks/1.0/manifest` and look at \
          `<applinksVersion>`.
          """,
          """
          Upgrade the remote product to a supported release; the Application Links plugin \
          comes bundled with it and is upgraded along with it.
          """,
          """
          Until then, configure and check the link on each end separately, from each \
          application's own links screen, and test it through a feature that uses it.
          """,
        ]
      ),
      Cause(
        """
        The remote's Application Links plugin is not running properly (disabled, failed to \
        start, or partly upgraded), so it reports a version or capabilities this end \
        cannot work with.
        """,
        actions: [
          """
          On the remote, check in app management that the Atlassian application links \
          system apps are enabled, and look in its log for errors when they start.
          """,
          """
          Restart the remote application if the plugin failed to start, and check the \
          manifest again.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .wording, literal: #"installed on the remote application is not supported"#,
        pattern: #"Application Links plugin installed on the remote application is not supported"#,
        priority: 40)
    ],
    seeAlso: [
      .problem("manifest_not_found"),
      .problem("no_outgoing_auth"),
      .problem("link_status_unavailable"),
      .problem("link_status_unknown"),
      .article("log-locations"),
    ],
    examples: [
      #"{"working": false, "error": {"category": "INCOMPATIBLE", "type": "REMOTE_VERSION_INCOMPATIBLE"}}"#,
      #"REMOTE_VERSION_INCOMPATIBLE"#,
      #"2024-03-05 14:02:11,287 DEBUG [http-nio-8090-exec-3] [applinks.internal.status.DefaultApplinkStatusService] visit application link 5c2b1d7e-93a4-3f0e-b1c2-7d8e9fa0b1c2 error type REMOTE_VERSION_INCOMPATIBLE"#,
      #"The Application Links plugin installed on the remote application is not supported."#,
    ]
  )
}
