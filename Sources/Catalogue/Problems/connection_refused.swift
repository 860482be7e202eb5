import KnowledgeBase

extension Problem {
  static let connectionRefused = Problem(
    id: "connection_refused",
    title: "Connection to the remote application refused",
    summary: """
      The remote host answered, but nothing accepted the connection on the port in the link's \
      URL.
      """,
    meaning: """
      This application resolved the remote host and sent a connection request, and the other \
      machine (or a firewall in front of it) turned it down at once. No HTTP request of the \
      link was made, so no authentication was tried yet. Usually nothing is listening on that \
      host and port: the remote application is stopped, listens elsewhere, or the link's URL \
      points at the wrong port.
      """,
    linkStatusType: "CONNECTION_REFUSED",
    logMessage: "java.net.ConnectException: Connection refused",
    category: .networkAndTLS,
    causes: [
      Cause(
        """
        The remote application is not running, is still starting, or has stopped listening \
        after a crash.
        """,
        actions: [
          """
          From this server, request the remote application's status page, for example \
          `curl -v https://confluence.example.com/status`.
          """,
          "Check on the remote server that the application's process is running and healthy.",
          "Start or restart it, wait until it is fully up, then check the link again.",
        ]
      ),
      Cause(
        """
        The link's application URL names the wrong port or host: the HTTP port instead of \
        HTTPS, the internal Tomcat port behind a proxy, or `localhost`, which only works when \
        both applications run on the same machine.
        """,
        actions: [
          """
          Compare the host and port in the message with the connectors in the remote \
          application's `server.xml` (or its proxy settings).
          """,
          "Edit the application link and correct its application URL.",
        ]
      ),
      Cause(
        """
        A firewall on the remote machine or in the network rejects connections from this \
        server to that port.
        """,
        actions: [
          """
          Test the port from this server with `nc -vz confluence.example.com 443`; a refusal \
          here while it works from other machines points at a firewall rule.
          """,
          """
          Ask for a rule that lets this server reach the remote application's port, then test \
          again.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .exception,
        literal: "ConnectException: Connection refused",
        pattern: "ConnectException: Connection refused"
      ),
      LogMessage(
        .exception,
        literal: "failed: Connection refused",
        pattern:
          "Connect to ([A-Za-z0-9._-]{1,255}):([0-9]{1,5}) (?:\\[[^\\[\\]]{0,512}\\] )?failed: Connection refused",
        captures: ["remote_host", "remote_port"]
      ),
      LogMessage(
        .exception,
        literal: "Connection to http",
        pattern: """
          Connection to https?://([A-Za-z0-9._-]{1,255})(?:[^ A-Za-z0-9._-][^ ]{0,2048})? \
          refused
          """,
        captures: ["remote_host"]
      ),
      LogMessage(
        .exception,
        literal: #"ECONNREFUSED"#,
        pattern: #"ECONNREFUSED(?![A-Za-z0-9_])"#
      ),
      LogMessage(
        .exception,
        literal: #"ConnectionRefusedError"#,
        pattern: #"ConnectionRefusedError(?![A-Za-z0-9_])"#,
        priority: 65
      ),
      LogMessage(
        .wording, literal: #"connection refused"#,
        pattern: #"(?:^|[^A-Za-z0-9_])connection refused(?![A-Za-z0-9_])"#,
        priority: 40),
      LogMessage(
        .exception,
        literal: #"Connection refused"#,
        // SSH to a Git host and a cluster's cache replication refuse connections too; they
        // are not a link's.
        pattern:
          #"^(?![^\n]{0,4096}(?:ssh: connect to host|debug1: connect to address|RMISynchronousCacheReplicator))[^\n]*Connection refused(?![A-Za-z0-9_])"#,
        priority: 50
      ),

      LogMessage(
        .wording, literal: #"but the connection was refused"#,
        pattern: #"attempting to connect to the remote application but the connection was refused"#,
        priority: 45),
      LogMessage(
        .exception,
        literal: #"connection refused"#,
        pattern: #"connect: connection refused"#,
        priority: 65
      ),
    ],
    seeAlso: [
      .problem("connection_timeout"),
      .problem("unknown_host"),
      .problem("unexpected_response"),
      .article("log-locations"),
    ],
    examples: [
      """
      2024-03-05 14:02:11,287 http-nio-8080-exec-12 ERROR admin 842x26597x1 1k9a2i5 10.0.0.7 \
      /rest/applinks/3.0/status/144880e9-a353-312f-9412-ed028e8166fa \
      [c.a.a.i.capabilities.DefaultRemoteCapabilitiesService] Failed to retrieve capabilities: \
      org.apache.http.conn.HttpHostConnectException: Connect to confluence.example.com:8443 \
      [confluence.example.com/203.0.113.5] failed: Connection refused (Connection refused)
      """,
      "Caused by: java.net.ConnectException: Connection refused (Connection refused)",
      "java.net.ConnectException: Connection refused: connect",
      """
      org.apache.http.conn.HttpHostConnectException: Connection to http://localhost:8060 \
      refused
      """,
      "CONNECTION_REFUSED",
      """
      {"link":{"id":"a740ca68-a1de-3dd0-89ef-8f363372ee73","name":"Fisheye"},"working":false,\
      "error":{"category":"NETWORK_ERROR","type":"CONNECTION_REFUSED"}}
      """,
      #"Error: connect ECONNREFUSED 203.0.113.5:8443"#,
      #"Get "https://jira.example.com/rest/api/2/myself": dial tcp 203.0.113.5:443: connect: connection refused"#,
    ]
  )
}
