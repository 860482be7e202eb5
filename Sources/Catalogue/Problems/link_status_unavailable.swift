import KnowledgeBase

extension Problem {
  static let linkStatusUnavailable = Problem(
    id: "link_status_unavailable",
    title: "Status cannot be checked for this kind of link",
    summary: """
      Not an authentication failure: the link is a generic link, a link of a non-Atlassian \
      type, or a system link, and the status check does not cover such links.
      """,
    meaning: """
      The status check works by talking to the Application Links plugin at the other end, \
      so it can only judge links between Atlassian applications that it manages itself. It \
      skips three kinds of link and says so instead of giving a verdict. `GENERIC_LINK`: \
      the link was created with the generic application type, which stands for any web \
      application. `NON_ATLASSIAN`: the link's type is not one of the built-in Atlassian \
      types but comes from an app installed on this application. `SYSTEM_LINK`: the link is \
      a system link, created and maintained by the product or an app itself rather than by \
      an administrator. None of these means the link is broken; it means this screen \
      cannot tell. Whether it works shows in the feature that uses it.
      """,
    linkStatusType: "GENERIC_LINK",
    otherLinkStatusTypes: ["NON_ATLASSIAN", "SYSTEM_LINK"],
    logMessage: "GENERIC_LINK",
    category: .linkStatus,
    causes: [
      Cause(
        """
        `GENERIC_LINK` for an application that is not an Atlassian product: this is the \
        expected state.
        """,
        actions: [
          """
          Nothing needs fixing on the status screen. Test the integration that uses the link \
          instead, and check the credentials (for example the OAuth consumer details) \
          configured for it on both sides.
          """
        ]
      ),
      Cause(
        """
        `GENERIC_LINK` for a link that actually points at Jira, Confluence or another \
        Atlassian product. It was created as generic, typically because the wizard could \
        not read the remote's manifest at the time and the type was chosen by hand.
        """,
        actions: [
          """
          Check that this server can now read the manifest: \
          `curl -i https://confluence.example.com/rest/applinks/1.0/manifest`.
          """,
          """
          Delete the generic link and create it again with the remote's base URL, so the \
          wizard recognises the product and sets up OAuth on both ends; the status check \
          then covers it.
          """,
        ]
      ),
      Cause(
        """
        `NON_ATLASSIAN`: the link's type is provided by an app (for example an integration \
        with a third-party tool), so only that app knows how to check it.
        """,
        actions: [
          """
          Use the app's own configuration and test pages, and its vendor's documentation, to \
          check the connection.
          """,
          """
          If the app was removed or disabled, the link type may no longer make sense; delete \
          the link if nothing uses it.
          """,
        ]
      ),
      Cause(
        """
        `SYSTEM_LINK`: the product or an app created the link for its own use and manages \
        it; it is not meant to be edited on the links screen.
        """,
        actions: [
          """
          Leave the link as it is. If the feature that owns it fails, troubleshoot that \
          feature, and change or delete the link only on the advice of Atlassian Support or \
          the app's vendor.
          """
        ]
      ),
    ],
    messages: [
      LogMessage(
        .wording, literal: #"unable to determine the status of the application link"#,
        pattern: #"unable to determine the status of the application link"#,
        priority: 40)
    ],
    seeAlso: [
      .problem("manifest_not_found"),
      .problem("link_status_unknown"),
      .problem("remote_version_incompatible"),
      .article("what-is-oauth"),
    ],
    examples: [
      #"{"working": false, "error": {"category": "NON_ATLASSIAN", "type": "GENERIC_LINK"}}"#,
      #"{"working":false,"error":{"category":"SYSTEM","type":"SYSTEM_LINK"}}"#,
      #"NON_ATLASSIAN"#,
      #"We’re unable to determine the status of the application link."#,
    ]
  )
}
