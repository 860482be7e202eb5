import KnowledgeBase

extension Problem {
  static let applinkCorrupted = Problem(
    id: "applink_corrupted",
    title: "Stored application link is corrupted",
    summary: """
      This application still lists an application link ID whose stored settings, including \
      its application type, are missing, so the link cannot be loaded.
      """,
    meaning: """
      Each application keeps a list of its link IDs and, for every ID, a set of properties \
      that describe the link: its type (Jira, Confluence and so on), name, URLs and \
      authentication. `Couldn't find type id for application link with id <uuid>. Link is \
      corrupted` means the ID is still in the list but its type can no longer be found, \
      typically a remnant of a deletion, creation or migration that stopped half-way. The \
      warning repeats whenever something walks through the links, such as a scheduled job \
      or the links screen. The broken entry does nothing useful, but it can get in the way: \
      for example, creating a new link to the same application may fail, with this \
      application calling the remote URL invalid and asking for a consumer key.
      """,
    logMessage: """
      Couldn't find type id for application link with id <uuid>. Link is corrupted
      """,
    category: .linkConfiguration,
    causes: [
      Cause(
        """
        A link was deleted, or its creation failed, and only part of its data was removed or \
        written; the ID stayed behind without its type.
        """,
        actions: [
          """
          Note the ID from the warning, then list the links this application knows: \
          `curl -s -u admin -H "Accept: application/json" \
          https://confluence.example.com/rest/applinks/3.0/applinks`.
          """,
          """
          If the ID appears on the application links screen, delete that link there. \
          Otherwise try removing it over REST: `curl -s -u admin -X DELETE \
          https://confluence.example.com/rest/applinks/3.0/applinks/<uuid>`.
          """,
          """
          Check that the warning no longer appears, then create the link to the remote \
          application again (from one end, as an administrator of both) if it is still \
          needed.
          """,
        ]
      ),
      Cause(
        """
        The instance was migrated, restored from a backup or cloned, and its link data came \
        across incomplete; an obsolete link ID from the old environment is still listed and \
        can stop the reciprocal link from being created.
        """,
        actions: [
          """
          Compare the IDs in the REST listing with those the remote application holds for \
          this instance; delete stale links on both ends.
          """,
          """
          If the stale ID survives deletion through the UI and REST, it is held directly in \
          the database (in Confluence, the `BANDANA` table entry with key \
          `applinks.global.application.ids`; a read-only look is \
          `select * from bandana where bandanakey like '%applink%';`).
          """,
          """
          Change database rows only with the application stopped, a tested backup, and \
          ideally with Atlassian Support guiding the exact statements; then start the \
          application and create the link again.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .wording,
        literal: #"Couldn't find type id for application link with id"#,
        pattern: #"Couldn't find type id for application link with id ([0-9a-f-]{36})"#,
        captures: ["application_link_id"]
      ),
      LogMessage(
        .exception,
        literal: #"Exception trying to get Applink for manifest with ID"#,
        pattern: #"Exception trying to get Applink for manifest with ID ([0-9a-f-]{36})"#,
        captures: ["application_link_id"]
      ),

      LogMessage(
        .code, literal: #"RECREATION NEEDED"#,
        pattern: #"(?:^|[^A-Za-z])RECREATION NEEDED(?![A-Za-z])"#,
        priority: 40),
      LogMessage(
        .wording, literal: #"needs to be recreated"#,
        pattern: #"[Ll]ink is malfunctioning and needs to be recreated"#,
        priority: 40),
      LogMessage(
        .wording, literal: #" is NULL"#,
        pattern: #"Application (?:Link|URL) is NULL"#,
        priority: 40),
    ],
    seeAlso: [
      .problem("no_remote_applink"),
      .problem("consumer_key_unknown"),
      .problem("jira_server_not_found"),
      .article("debug-logging"),
      .article("log-locations"),
    ],
    examples: [
      #"2017-03-06 20:57:34,577 WARN [http-nio-8086-exec-16] [atlassian.applinks.core.DefaultApplicationLinkService] retrieveApplicationLink Couldn't find type id for application link with id 3ffde444-4275-38f8-961b-91837ea4f27a. Link is corrupted"#,
      #"2024-03-05 14:02:11,287+0000 http-nio-8080-exec-2 WARN admin 842x1x1 - 10.0.0.7 /plugins/servlet/applinks/listApplicationLinks [c.a.applinks.core.DefaultApplicationLinkService] Couldn't find type id for application link with id 0c7d5e2a-1b3f-3a4c-9d8e-7f6a5b4c3d2e. Link is corrupted"#,
      #"2024-03-05 14:02:11,287 WARN [AtlassianEvent::CustomizableThreadFactory-3] [applinks.internal.capabilities.DefaultRemoteCapabilitiesService] getApplinkSafe Exception trying to get Applink for manifest with ID 0c7d5e2a-1b3f-3a4c-9d8e-7f6a5b4c3d2e"#,
      #"Link is malfunctioning and needs to be recreated."#,
    ]
  )
}
