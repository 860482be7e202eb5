import KnowledgeBase

extension Problem {
  static let connectionTimeout = Problem(
    id: "connection_timeout",
    title: "Request to the remote application timed out",
    summary: """
      The link's request got no answer in time, either while connecting or while waiting for \
      the response.
      """,
    meaning: """
      This application gave up waiting for the remote application. `connect timed out` and \
      `Connection timed out` mean the connection itself was never set up, which points at the \
      network: packets are being dropped on the way. `Read timed out` means the connection \
      worked but the remote application took longer to answer than this end is willing to \
      wait, which points at a slow or overloaded remote. Either way the feature that used the \
      link shows an error or stays empty.
      """,
    logMessage: "java.net.SocketTimeoutException: Read timed out",
    category: .networkAndTLS,
    causes: [
      Cause(
        """
        The remote application is slow to answer (`Read timed out`): it is overloaded, paused \
        by long garbage collections, or the request asks for a lot of data.
        """,
        actions: [
          """
          Look at the remote application's log and load at the time of the message; a busy or \
          struggling remote usually shows there.
          """,
          """
          Time the same kind of request from this server, for example \
          `curl -o /dev/null -w '%{time_total}\\n' https://jira.example.com/rest/api/2/serverInfo`.
          """,
          """
          If the remote is healthy but some requests are legitimately slow, raise the timeouts \
          of the HTTP client behind application links (package `com.atlassian.sal.core.net`) \
          with the JVM arguments `-Dhttp.socketTimeout` and `-Dhttp.connectionTimeout`, in \
          milliseconds (both are 10 seconds by default in recent versions), then restart.
          """,
        ]
      ),
      Cause(
        """
        A firewall, security group or routing problem silently drops the traffic, so the \
        connection is never set up (`connect timed out`, `Connection timed out`).
        """,
        actions: [
          """
          Test from this server with `nc -vz -w 10 jira.example.com 443`; a hang followed by a \
          timeout confirms that packets are dropped.
          """,
          """
          Check firewalls and security groups between the two servers, in both directions, for \
          the port in the link's URL.
          """,
          """
          If this server may only reach other hosts through an HTTP proxy, configure the \
          proxy in the JVM arguments (`-Dhttps.proxyHost`, `-Dhttps.proxyPort`, \
          `-Dhttp.nonProxyHosts`).
          """,
        ]
      ),
      Cause(
        """
        A reverse proxy or load balancer in front of the remote application holds the request \
        and never forwards an answer, for example because its back end is down or its own \
        timeout is longer than this end's.
        """,
        actions: [
          "Check the proxy's log for the request and for unhealthy back-end nodes.",
          """
          Make the proxy's timeouts and this end's timeouts fit together, so the proxy answers \
          with an error before this end gives up.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .exception,
        literal: "SocketTimeoutException: ",
        pattern: "SocketTimeoutException: (?:Read|[Cc]onnect) timed out"
      ),
      LogMessage(
        .exception,
        literal: "ConnectException: Connection timed out",
        pattern: "ConnectException: Connection timed out"
      ),
      LogMessage(
        .exception,
        literal: "Connect to ",
        pattern: """
          Connect to ([A-Za-z0-9._-]{1,255}):([0-9]{1,5}) (?:\\[[^\\[\\]]{0,512}\\] )?failed: \
          (?:[Cc]onnect|Connection|Read) timed out
          """,
        captures: ["remote_host", "remote_port"]
      ),
      LogMessage(
        .exception,
        literal: "TimeoutException: ",
        pattern: "Response(?:Connect|Read)TimeoutException: [A-Za-z]"
      ),
      LogMessage(
        .exception,
        literal: #"SocketTimeoutException"#,
        pattern: #"SocketTimeoutException(?![A-Za-z0-9_])"#,
        priority: 65
      ),
      LogMessage(
        .exception,
        literal: #"ConnectTimeoutException"#,
        pattern: #"ConnectTimeoutException(?![A-Za-z0-9_])"#,
        priority: 65
      ),
      LogMessage(
        .exception,
        literal: #"ConnectTimeoutError"#,
        pattern: #"ConnectTimeoutError(?![A-Za-z0-9_])"#,
        priority: 65
      ),
      LogMessage(
        .exception,
        literal: #"ETIMEDOUT"#,
        pattern: #"ETIMEDOUT(?![A-Za-z0-9_])"#
      ),
      LogMessage(
        .exception,
        literal: #"i/o timeout"#,
        pattern: #"i/o timeout"#,
        priority: 65
      ),
      LogMessage(
        .exception,
        literal: #"Client.Timeout exceeded"#,
        pattern: #"Client\.Timeout exceeded"#,
        priority: 65
      ),
      LogMessage(
        .exception,
        literal: #"connected party did not properly respond"#,
        pattern: #"connected party did not properly respond"#
      ),
      LogMessage(
        .exception,
        literal: #"ConnectException: Timeout"#,
        pattern: #"ConnectException: Timeout"#,
        priority: 65
      ),
      LogMessage(
        .exception,
        literal: #"Connection timed out"#,
        pattern: #"Connection timed out"#,
        priority: 55
      ),

      LogMessage(
        .exception, literal: #"port 443: Timed out"#,
        pattern:
          #"Failed to connect to [A-Za-z0-9.-]{1,255} port [0-9]{1,5}: (?:Timed out|Connection timed out)"#,
        priority: 60),
      LogMessage(
        .exception, literal: "ESOCKETTIMEDOUT", pattern: "ESOCKETTIMEDOUT", priority: 65),
      LogMessage(
        .exception, literal: "Operation timed out",
        pattern:
          "(?:error|Error|failed|occurred)(?:[^\\neEfo]|[eE](?!rror)|f(?!ailed)|o(?!ccurred)){0,40}: Operation timed out",
        priority: 55),
    ],
    seeAlso: [
      .problem("connection_refused"),
      .problem("unknown_host"),
      .problem("unexpected_response"),
      .article("debug-logging"),
      .article("log-locations"),
    ],
    examples: [
      """
      2024-03-05 14:02:11,287 WARN [http-nio-8090-exec-6] \
      [applinks.internal.capabilities.DefaultRemoteCapabilitiesService] getCapabilities \
      Failed to retrieve capabilities: java.net.SocketTimeoutException: Read timed out
      """,
      "Caused by: java.net.SocketTimeoutException: connect timed out",
      "java.net.ConnectException: Connection timed out (Connection timed out)",
      """
      org.apache.http.conn.ConnectTimeoutException: Connect to jira.example.com:443 \
      [jira.example.com/203.0.113.5] failed: connect timed out
      """,
      "com.atlassian.sal.api.net.ResponseReadTimeoutException: Read timed out",
      """
      2024-03-05 14:02:11,287 ERROR [http-nio-8085-exec-12] [JiraRemoteIssueLinksService] \
      com.atlassian.sal.api.net.ResponseConnectTimeoutException: connect timed out
      """,
      #"Error: connect ETIMEDOUT 203.0.113.5:443"#,
      #"Get "https://jira.example.com/rest/api/2/serverInfo": dial tcp 203.0.113.5:443: i/o timeout"#,
      #"A communication error occurred: Operation timed out"#,
    ]
  )
}
