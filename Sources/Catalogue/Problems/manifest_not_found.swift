import KnowledgeBase

extension Problem {
  static let manifestNotFound = Problem(
    id: "manifest_not_found",
    title: "Remote application's manifest could not be read",
    summary: """
      While creating or checking a link, this application could not fetch the remote \
      application's `/rest/applinks/1.0/manifest`, so it cannot tell what is at the other end.
      """,
    meaning: """
      Every Atlassian application publishes a small manifest at \
      `/rest/applinks/1.0/manifest`: its ID, name, type, version, Application Links version \
      and the authentication types it supports. Creating a link starts by downloading it \
      from the URL the administrator entered. `ManifestNotFoundException` (sometimes with \
      `Null manifest retrieved`) means no usable manifest came back. The wizard then fails \
      to recognise the remote application and asks for details by hand; a link created \
      that way does not work fully. The exception only says that the download failed: the \
      real reason is usually further down the stack trace, or in the remote's and the \
      proxy's logs.
      """,
    logMessage: "com.atlassian.applinks.spi.manifest.ManifestNotFoundException",
    category: .linkConfiguration,
    causes: [
      Cause(
        """
        The URL entered for the remote application is not its base URL: the context path \
        (such as `/jira` or `/confluence`) is missing or extra, or the scheme or port is \
        wrong, so the request lands on another page or application.
        """,
        actions: [
          """
          From this server, fetch the manifest at the URL you entered: \
          `curl -i https://confluence.example.com/rest/applinks/1.0/manifest`. A working \
          remote answers `200` with an XML `<manifest>` that names its `typeId` and \
          `applinksVersion`.
          """,
          """
          Compare that URL with the base URL in the remote application's general \
          configuration, and create the link with the base URL exactly.
          """,
        ]
      ),
      Cause(
        """
        The connection itself failed: the name does not resolve, a firewall blocks it, or \
        TLS fails because this Java does not trust the certificate or the certificate does \
        not name the host (for example `No subject alternative names present`).
        """,
        actions: [
          """
          Read the `Caused by:` lines under the exception; they name the underlying error, \
          such as `UnknownHostException`, `ConnectException` or `SSLHandshakeException`.
          """,
          """
          Fix that error first, using its own entry in this knowledge base, then create the \
          link again.
          """,
        ]
      ),
      Cause(
        """
        A proxy answers in the remote application's place: an outgoing proxy on this side \
        that blocks or rewrites the request, or a reverse proxy or single sign-on gateway on \
        the remote side that returns a login page, a redirect or an error for `/rest/`.
        """,
        actions: [
          """
          Look at what `curl -i` returns from this server: HTML, a `302` to a login page or \
          a `403`/`502` points at a proxy or gateway.
          """,
          """
          Let `/rest/applinks/` and `/plugins/servlet/` through to the remote application \
          unchanged, or exclude the remote host from the outgoing proxy with \
          `-Dhttp.nonProxyHosts`.
          """,
        ]
      ),
      Cause(
        """
        The remote is not an Atlassian application with Application Links, or its \
        Application Links plugin is disabled or failed to start, so there is no manifest to \
        fetch.
        """,
        actions: [
          """
          If the remote is a non-Atlassian application, that is expected: continue in the \
          wizard and describe the application by hand.
          """,
          """
          If it is an Atlassian application, check in its app management that the \
          application links system apps are enabled, and look for start-up errors in its log.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .exception,
        literal: #"ManifestNotFoundException"#,
        pattern: #"ManifestNotFoundException(?![A-Za-z0-9_])"#
      ),
      LogMessage(
        .wording,
        literal: #"Null manifest retrieved"#,
        pattern: #"Null manifest retrieved"#
      ),
    ],
    seeAlso: [
      .problem("unexpected_response"),
      .problem("ssl_untrusted"),
      .problem("ssl_hostname_unmatched"),
      .problem("unknown_host"),
      .problem("link_status_unavailable"),
      .article("log-locations"),
    ],
    examples: [
      #"2015-06-10 07:36:05,271 ERROR [http-nio-7990-exec-6] <USERNAME> @1MXVZCJx456x13355x0 18aal9q <YOUR_IP>,127.0.0.1 "GET /rest/applinks/2.0/applicationlinkForm/manifest.json HTTP/1.1" c.a.a.c.r.u.CreateApplicationLinkUIResource ManifestNotFoundException thrown while retrieving manifest"#,
      #"com.atlassian.applinks.spi.manifest.ManifestNotFoundException: no manifest at https://jira.example.com/wiki/rest/applinks/1.0/manifest (HTTP 404)"#,
      #"2024-03-05 14:02:11,287+0000 http-nio-8080-exec-4 ERROR admin 842x2x1 - 10.0.0.7 /rest/applinks/3.0/applicationlinkForm/manifest.json [c.a.a.c.rest.ui.CreateApplicationLinkUIResource] Null manifest retrieved"#,
    ]
  )
}
