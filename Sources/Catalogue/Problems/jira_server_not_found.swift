import KnowledgeBase

extension Problem {
  static let jiraServerNotFound = Problem(
    id: "jira_server_not_found",
    title: "Jira issues macro cannot find its Jira server",
    summary: """
      A Jira issues macro on a Confluence page refers to an application link that this \
      Confluence no longer has, so it cannot show any issues.
      """,
    meaning: """
      When someone inserts a Jira issues macro, Confluence stores in the page which Jira \
      the macro belongs to: the ID of the application link (`serverId`) and the link's name \
      (`server`). Each time the page is shown, the macro looks that link up. `Unable to \
      locate Jira server for this macro` means the lookup found nothing: the link was \
      deleted, created again with a new ID, renamed, or never existed in this Confluence \
      because the page came from another site. The Jira server itself may be perfectly \
      healthy; other macros that use the current link keep working, and only macros that \
      carry the old reference show the error.
      """,
    logMessage: """
      Unable to locate Jira server for this macro. It may be due to Application Link \
      configuration.
      """,
    category: .linkConfiguration,
    causes: [
      Cause(
        """
        The link to Jira was deleted and created again (for example while troubleshooting \
        or after Jira moved), so it has a new ID, and existing macros still carry the old \
        one.
        """,
        actions: [
          """
          Compare IDs: list the links with `curl -s -u admin -H "Accept: application/json" \
          https://confluence.example.com/rest/applinks/3.0/applinks`, and look at a broken \
          macro's `serverId` in the page's storage format (**...** > **View storage format**, \
          where available to you).
          """,
          """
          For a few pages, edit the page, open the macro, choose the Jira server from the \
          list again and save.
          """,
          """
          Give the new link the same name as the old one (the macro records the name as \
          well), and in future prefer editing an existing link over deleting and recreating \
          it, so its ID is kept.
          """,
        ]
      ),
      Cause(
        """
        The pages were imported from another Confluence (a space import, a restore, a move \
        between cloud and Data Center), and their macros refer to the link IDs of that \
        other site.
        """,
        actions: [
          "Make sure this Confluence has a working link to the same Jira.",
          """
          Re-point the macros to that link: by editing them for a handful of pages, or in \
          bulk by replacing the old `serverId` in the pages' stored content, which should be \
          done only with a tested backup and, ideally, with guidance from Atlassian Support \
          or a tool built for it.
          """,
        ]
      ),
      Cause(
        """
        There is no link to that Jira at all any more, or the link was changed so that it \
        no longer points to a Jira application.
        """,
        actions: [
          """
          Create an application link to that Jira on Confluence's application links \
          administration screen, signed in as an administrator of both, and check that its \
          status shows CONNECTED.
          """,
          "Then re-point the macros as described above.",
        ]
      ),
    ],
    messages: [
      LogMessage(
        .wording,
        literal: #"server for this macro"#,
        pattern: #"Unable to locate J(?:ira|IRA) server for this macro"#
      )
    ],
    seeAlso: [
      .problem("applink_corrupted"),
      .problem("no_remote_applink"),
      .problem("credentials_required"),
      .article("log-locations"),
    ],
    examples: [
      #"Unable to locate Jira server for this macro. It may be due to Application Link configuration."#,
      #"2024-03-05 14:02:11,287 WARN [http-nio-8090-exec-12] [plugins.jira.render.JiraIssueRender] Unable to locate JIRA server for this macro"#,
      #"Error rendering macro 'jira' : Unable to locate Jira server for this macro"#,
    ]
  )
}
