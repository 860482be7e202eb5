import KnowledgeBase

extension Problem {
  static let oauth2HttpsRequired = Problem(
    id: "oauth2_https_required",
    title: "OAuth 2.0 provider needs an HTTPS base URL",
    summary: """
      Jira Data Center will not act as an OAuth 2.0 provider because its base URL starts with \
      `http://` rather than `https://`.
      """,
    meaning: """
      OAuth 2.0 relies on the transport for its security: access tokens, refresh tokens and \
      client secrets travel as plain bearer values. Jira Data Center therefore switches its \
      OAuth 2.0 provider off while the base URL it is configured with is not an HTTPS URL, \
      and asks the administrator to fix that. Incoming OAuth 2.0 links (external \
      applications that access Jira with OAuth 2.0) cannot be authorised, and clients that \
      call `/rest/oauth2/latest/authorize` or `/rest/oauth2/latest/token` fail, until the \
      base URL is an HTTPS address or the check is deliberately switched off.
      """,
    logMessage: """
      Please ensure that your server is using HTTPS and that your application base URL is \
      configured appropriately.
      """,
    category: .oauth2,
    causes: [
      Cause(
        """
        Users reach Jira over HTTPS through a reverse proxy or load balancer, but the base \
        URL was left at an `http://` address, often the internal one from installation.
        """,
        actions: [
          """
          Set the base URL to the public HTTPS address under **Administration** > **System** \
          > **General configuration** > **Base URL**, for example `https://jira.example.com`.
          """,
          """
          Tell Tomcat about the proxy so the URLs Jira builds match: on the HTTP connector in \
          `<Jira install>/conf/server.xml`, set `scheme="https"`, `secure="true"`, \
          `proxyName="jira.example.com"` and `proxyPort="443"`, then restart Jira.
          """,
          """
          Check the result from a browser and with `curl -I https://jira.example.com/status`; \
          application links and gadgets that use the old address may need updating too.
          """,
        ]
      ),
      Cause(
        """
        Jira really runs on plain HTTP, with no TLS anywhere in front of it.
        """,
        actions: [
          """
          For production, put Jira behind HTTPS: configure TLS on Tomcat or on a reverse \
          proxy, then change the base URL to the HTTPS address.
          """,
          """
          Only for a test or development instance, switch the check off with the JVM argument \
          `-Datlassian.oauth2.provider.skip.base.url.https.requirement=true` and restart \
          Jira; tokens and secrets then cross the network unencrypted.
          """,
        ]
      ),
      Cause(
        """
        The base URL was changed to HTTPS, but external clients are still configured with \
        the old `http://` endpoints or redirect URIs.
        """,
        actions: [
          """
          Update each client to `https://jira.example.com/rest/oauth2/latest/authorize` and \
          `https://jira.example.com/rest/oauth2/latest/token`.
          """,
          """
          Check the redirect URI registered in each incoming link and use HTTPS there too, \
          then authorise the client again.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .wording,
        literal: #"Please ensure that your server is using HTTPS"#,
        pattern: #"Please ensure that your server is using HTTPS"#
      )
    ],
    seeAlso: [
      .problem("oauth2_invalid_client"),
      .problem("oauth2_invalid_grant"),
      .problem("signature_invalid"),
      .article("log-locations"),
    ],
    examples: [
      #"Please ensure that your server is using HTTPS and that your application base URL is configured appropriately."#,
      #"HTTP Status 400 - Bad Request: Please ensure that your server is using HTTPS and that your application base URL is configured appropriately."#,
      #"2024-03-05 14:02:11,287+0000 http-nio-8080-exec-3 WARN admin 842x88x1 - 10.0.0.7 /plugins/servlet/oauth2/consent [c.a.oauth2.provider.core.web.ConsentServlet] Please ensure that your server is using HTTPS and that your application base URL is configured appropriately."#,
    ]
  )
}
