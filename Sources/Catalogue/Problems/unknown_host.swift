import KnowledgeBase

extension Problem {
  static let unknownHost = Problem(
    id: "unknown_host",
    title: "Remote host name cannot be resolved",
    summary: """
      This server could not turn the host name in the link's URL into an IP address, so it \
      never reached the remote application.
      """,
    meaning: """
      Before it can open a connection for the link, this application asks DNS for the address \
      of the host in the link's application URL. `java.net.UnknownHostException` means that \
      lookup returned nothing, so the request fails before any network traffic to the remote \
      application. The name in the message is exactly the one the link uses; it tells you \
      whether the URL is wrong or the server's name resolution is.
      """,
    linkStatusType: "UNKNOWN_HOST",
    logMessage: "java.net.UnknownHostException: confluence.example.com",
    category: .networkAndTLS,
    causes: [
      Cause(
        """
        The link's application URL contains a typing mistake or a host name that no longer \
        exists, for example after the remote application moved to a new server.
        """,
        actions: [
          """
          Compare the host name in the message with the remote application's base URL (in its \
          general configuration).
          """,
          "Edit the application link and correct its application URL.",
          """
          If the remote application's address changed for good, check that its own base URL \
          has been updated too, so the link back to this application still works.
          """,
        ]
      ),
      Cause(
        """
        The name is right, but this server cannot resolve it: it exists only in another DNS \
        zone, in the hosts file of other machines, or the server's resolver is down.
        """,
        actions: [
          """
          On this server, as the user the application runs as, run `getent hosts \
          confluence.example.com` (or `nslookup confluence.example.com`).
          """,
          """
          Fix the DNS records or the resolver configuration, or add the name to this server's \
          hosts file as a stopgap.
          """,
          """
          Java caches lookups for a short time; if the name resolves now but the link still \
          fails, wait a minute or restart the application.
          """,
        ]
      ),
      Cause(
        """
        This server may only reach outside hosts through an HTTP proxy, and the application's \
        JVM has not been told about it, so it tries to resolve remote names itself.
        """,
        actions: [
          """
          Set `-Dhttp.proxyHost`, `-Dhttp.proxyPort`, `-Dhttps.proxyHost` and \
          `-Dhttps.proxyPort` in the application's JVM arguments.
          """,
          """
          List internal hosts that must be reached directly in `-Dhttp.nonProxyHosts`, then \
          restart the application.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .exception,
        literal: "UnknownHostException: ",
        pattern: "UnknownHostException: ([A-Za-z0-9._-]+)",
        captures: ["remote_host"]
      ),
      LogMessage(
        .exception,
        literal: #"UnknownHostException"#,
        pattern: #"UnknownHostException(?![A-Za-z0-9_])"#,
        priority: 65
      ),
      LogMessage(
        .exception,
        literal: #"ENOTFOUND"#,
        pattern: #"getaddrinfo ENOTFOUND ([^ \t:]{1,255})"#,
        captures: ["remote_host"]
      ),
      LogMessage(
        .exception,
        literal: #"ENOTFOUND"#,
        pattern: #"ENOTFOUND(?![A-Za-z0-9_])"#,
        priority: 65
      ),
      LogMessage(
        .exception,
        literal: #"EAI_AGAIN"#,
        pattern: #"EAI_AGAIN(?![A-Za-z0-9_])"#,
        priority: 65
      ),
      LogMessage(
        .exception,
        literal: #"Name or service not known"#,
        pattern: #"Name or service not known"#
      ),
      LogMessage(
        .exception,
        literal: #"nodename nor servname provided"#,
        pattern: #"nodename nor servname provided"#
      ),
      LogMessage(
        .exception,
        literal: #"Temporary failure in name resolution"#,
        pattern: #"Temporary failure in name resolution"#
      ),
      LogMessage(
        .exception,
        literal: #"getaddrinfo failed"#,
        pattern: #"getaddrinfo failed"#
      ),
      LogMessage(
        .exception,
        literal: #"no such host"#,
        pattern: #"lookup ([^ \t:]{1,255})(?: on [^ \t]{1,64})?: no such host"#,
        captures: ["remote_host"]
      ),
      LogMessage(
        .exception,
        literal: #"nknown host"#,
        pattern: #"[Uu]nknown host(?![A-Za-z0-9_])"#,
        priority: 50
      ),
      LogMessage(
        .exception,
        literal: #"Could not resolve host"#,
        pattern: #"Could not resolve host(?:: ([^ \t()]{1,255}))?"#,
        captures: ["remote_host"]
      ),

      LogMessage(
        .wording, literal: #"couldn't be resolved"#,
        pattern: #"hostname of the remote application couldn't be resolved"#,
        priority: 45),
      LogMessage(
        .exception, literal: #"getaddrinfo ENOENT"#,
        pattern: #"getaddrinfo ENOENT"#,
        priority: 60),
    ],
    seeAlso: [
      .problem("connection_refused"),
      .problem("connection_timeout"),
      .problem("ssl_hostname_unmatched"),
      .article("log-locations"),
    ],
    examples: [
      """
      2024-03-05 14:02:11,287 ERROR [http-nio-7990-exec-9] admin @1KIQBHMx418x285211x2 wpmwu \
      10.0.0.7 "GET /rest/applinks/3.0/status/144880e9-a353-312f-9412-ed028e8166fa HTTP/1.1" \
      c.a.a.i.capabilities.DefaultRemoteCapabilitiesService Failed to retrieve capabilities: \
      java.net.UnknownHostException: jira.example.com
      """,
      """
      Caused by: java.net.UnknownHostException: confluence.example.com: Name or service not \
      known
      """,
      """
      com.atlassian.sal.api.net.ResponseException: java.net.UnknownHostException: \
      bamboo.example.com: Temporary failure in name resolution
      """,
      "UNKNOWN_HOST",
      """
      {"link":{"id":"5c2b1d7e-93a4-3f0e-b1c2-7d8e9fa0b1c2","name":"Jira"},"working":false,\
      "error":{"category":"NETWORK_ERROR","type":"UNKNOWN_HOST"}}
      """,
      #"Error: getaddrinfo ENOTFOUND jira.example.internal"#,
      #"dial tcp: lookup jira.example.internal on 10.0.0.2:53: no such host"#,
    ]
  )
}
