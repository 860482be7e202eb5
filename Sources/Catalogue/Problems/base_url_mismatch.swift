import KnowledgeBase

extension Problem {
  static let baseUrlMismatch = Problem(
    id: "base_url_mismatch",
    title: "Base URL does not match the URL in use",
    summary: """
      The product warns that the address people and other applications use to reach it \
      differs from its configured base URL, by host name, port or scheme.
      """,
    meaning: """
      Each product builds links, redirects and, above all, the URLs that OAuth signatures are \
      computed over from its base URL. When requests arrive at another address (through a \
      reverse proxy, a load balancer, a new DNS name, or HTTPS terminated in front of a \
      plain-HTTP connector), the product notices and warns: Jira's diagnostics say that it \
      is running on a host name, port or scheme that does not match the one the request \
      used; Confluence, Bitbucket and Bamboo show a similar banner or health-check result. \
      For application links this is the usual root of `signature_invalid`: the remote \
      signs one URL, this end verifies another, and every OAuth request fails. It also \
      breaks the manifest check and the links' authorisation pages.
      """,
    logMessage:
      "Jira is reporting that it is running on the hostname '<host>', which does not match the hostname used to run these diagnostics, '<host>'.",
    category: .linkConfiguration,
    causes: [
      Cause(
        """
        The base URL in the administration settings is out of date: the product moved to a \
        new host name, or to HTTPS, and the setting was left behind.
        """,
        actions: [
          """
          Open the product's general configuration and set the base URL to the exact \
          address users type, scheme, host, port and context path included.
          """,
          "Check the application links afterwards; their URLs may need the same change.",
        ]
      ),
      Cause(
        """
        A reverse proxy or load balancer in front of the product does not tell Tomcat the \
        public address: the connector in `server.xml` lacks `proxyName`, `proxyPort` and \
        `scheme`, or the proxy does not pass the `Host` header.
        """,
        actions: [
          """
          Add `proxyName="jira.example.com" proxyPort="443" scheme="https" secure="true"` \
          to the HTTP connector in `server.xml` that the proxy talks to, and restart.
          """,
          """
          In the proxy, pass the original host (`ProxyPreserveHost On` for Apache, \
          `proxy_set_header Host $host;` for nginx).
          """,
        ]
      ),
      Cause(
        """
        Someone reaches the product by another name (an internal host name, an IP address, \
        `localhost`) that is not the base URL.
        """,
        actions: [
          """
          Use the base URL everywhere, including in the other application's link to this \
          one, or redirect other names to it at the proxy.
          """
        ]
      ),
    ],
    messages: [
      LogMessage(
        .wording, literal: #"Application URL has redirected"#,
        pattern: #"supplied Application URL has redirected"#,
        priority: 45),
      LogMessage(
        .wording, literal: "used to run these diagnostics",
        pattern:
          "is (?:reporting that it is )?(?:running on the (?:hostname|port)|using the (?:URL )?scheme) '[^']{0,300}', which does not match the (?:hostname|port|scheme|URL scheme) used to run these diagnostics",
        priority: 70),
      LogMessage(
        .wording, literal: "Mismatched URL ",
        pattern: "Mismatched URL (?:Scheme|Hostname|Port)", priority: 70),
      LogMessage(
        .wording, literal: "base URL",
        pattern:
          "(?:[Bb]ase URL|baseUrl)(?:[^\\nBb]|B(?!ase URL)|b(?!ase URL|aseUrl)){0,200}(?:does not match|doesn't match|is different from|differs from)[^\\n]{0,120}(?:URL|url|address)",
        priority: 60),
      LogMessage(
        .wording, literal: "does not match the URL",
        pattern:
          "(?:request|accessed|access)(?:[^\\nra]|r(?!equest)|a(?!ccess)){0,120}does not match the URL[^\\n]{0,40}base URL|URL used to access(?:[^\\nU]|U(?!RL used to access)){0,200}does not match the (?:configured )?base URL",
        priority: 60),
    ],
    seeAlso: [
      .problem("signature_invalid"),
      .problem("manifest_not_found"),
      .problem("oauth2_https_required"),
      .article("log-locations"),
    ],
    examples: [
      #"The supplied Application URL has redirected once"#,
      #"Jira is reporting that it is running on the hostname 'localhost', which does not match the hostname used to run these diagnostics, 'jira.example.com'. This is known to cause Jira to construct URLs using the incorrect hostname, which will result in errors in the dashboard, among other issues."#,
      #"Jira is reporting that it is using the URL scheme 'http', which does not match the scheme used to run these diagnostics, 'https'."#,
      #"2024-03-05 14:02:11,287 http-nio-8080-exec-7 WARN anonymous 842x27011x1 - 10.0.0.9 /secure/Dashboard.jspa [c.a.j.p.webfragment.conditions.DiagnosticsCondition] Mismatched URL Port: Jira is reporting that it is running on the port '8080', which does not match the hostname used to run these diagnostics, '443'."#,
      #"WARN [http-nio-8090-exec-4] The base URL https://wiki.example.com does not match the URL used to access Confluence http://10.0.0.12:8090"#,
    ]
  )
}
