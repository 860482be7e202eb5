import KnowledgeBase

extension Problem {
  static let connectionReset = Problem(
    id: "connection_reset",
    title: "Connection to the remote application cut off mid-request",
    summary: """
      The connection was open and the request under way when something between the two \
      applications, or the remote end itself, closed it without an answer.
      """,
    meaning: """
      Unlike a refused or timed-out connection, this one was established: the TCP handshake \
      worked, and often TLS as well. Then the other side sent a reset, or stopped reading, \
      before any HTTP answer arrived. Java reports `SocketException: Connection reset` or \
      `Broken pipe`, Apache HttpClient `NoHttpResponseException`, Python \
      `ConnectionResetError(104, ...)` or `Remote end closed connection without response`, \
      Node.js `ECONNRESET` or `socket hang up`, Go `connection reset by peer`, .NET \
      `An existing connection was forcibly closed by the remote host`. The link's request \
      never got an answer, so no authentication result was seen either. When it happens \
      only sometimes, the usual suspect is a device in the path that drops connections: an \
      idle timeout on a load balancer or firewall that is shorter than the HTTP client's \
      keep-alive, or a proxy that inspects TLS and closes what it does not like.
      """,
    logMessage: "java.net.SocketException: Connection reset",
    category: .networkAndTLS,
    causes: [
      Cause(
        """
        A load balancer, firewall or NAT device closes connections that were idle for a \
        while, and the application reuses a pooled connection that is already gone.
        """,
        actions: [
          """
          Compare the idle timeout of every device between the two servers with the HTTP \
          client's keep-alive; the device's timeout must be the longer one.
          """,
          """
          Raise the device's idle timeout, or have it send a reset the client sees at once \
          rather than dropping packets silently.
          """,
          "Check the link again; if resets continue, capture traffic on both sides to see who sends them.",
        ]
      ),
      Cause(
        """
        A proxy or security appliance that inspects TLS (a break-and-inspect firewall) ends \
        the connection, for instance because it does not trust the remote certificate or \
        blocks the destination.
        """,
        actions: [
          """
          From this server, run `openssl s_client -connect confluence.example.com:443 \
          -servername confluence.example.com` and look at the issuer of the certificate \
          you get: a corporate CA instead of the remote's own points at inspection.
          """,
          "Ask the network team to exempt traffic between the two applications from inspection.",
        ]
      ),
      Cause(
        """
        The remote application or its web server closed the connection itself: it was \
        restarting, ran out of threads or memory, or its reverse proxy rejected the request \
        (a header or body too large).
        """,
        actions: [
          "Read the remote web server's and application's logs at the time of the reset.",
          """
          Check the remote's health and capacity (threads, heap, proxy buffer limits), fix \
          what is exhausted, then test the link again.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .exception, literal: "failed to respond",
        pattern:
          "(?:NoHttpResponseException(?:[^\\nN]|N(?!oHttpResponseException)){0,200}|(?:^|[^A-Za-z0-9.-])[A-Za-z0-9.-]{1,255}:[0-9]{1,5} )failed to respond",
        priority: 60),
      LogMessage(
        .exception, literal: "GnuTLS recv error (-54)", pattern: "GnuTLS recv error \\(-54\\)",
        priority: 60),
      LogMessage(
        .exception, literal: "Connection reset",
        pattern:
          "(?:SocketException|SSLException|IOException|Error|error)[^A-Za-z]{1,3}Connection reset(?: by peer)?",
        priority: 65),
      LogMessage(
        .exception, literal: "connection reset by peer",
        pattern: "(?:read|write|wsarecv|wsasend): connection reset by peer",
        priority: 65),
      LogMessage(
        .exception, literal: "ConnectionResetError",
        pattern: "ConnectionResetError(?:\\(104|:)", priority: 65),
      LogMessage(.exception, literal: "ECONNRESET", pattern: "ECONNRESET", priority: 65),
      LogMessage(
        .exception, literal: "socket hang up", pattern: "(?:Error: |error: |cause=)socket hang up",
        priority: 65),
      LogMessage(
        .exception, literal: "roken pipe",
        pattern:
          "(?:SocketException|IOException|Errno 32\\]|write|EPIPE)[^A-Za-z]{0,3}[Bb]roken pipe",
        priority: 60),
      LogMessage(
        .exception, literal: "NoHttpResponseException",
        pattern: "NoHttpResponseException: [^ ]{1,300} failed to respond", priority: 65),
      LogMessage(
        .exception, literal: "Remote end closed connection without response",
        pattern: "Remote end closed connection without response", priority: 65),
      LogMessage(
        .exception, literal: "forcibly closed by the remote host",
        pattern: "An existing connection was forcibly closed by the remote host", priority: 65),
    ],
    seeAlso: [
      .problem("connection_timeout"),
      .problem("connection_refused"),
      .problem("tls_handshake_failed"),
      .problem("proxy_auth_required"),
      .article("log-locations"),
    ],
    examples: [
      #"Caused by: java.net.SocketException: Connection reset"#,
      #"requests.exceptions.ConnectionError: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))"#,
      #"Error: socket hang up at connResetException (node:internal/errors:720:14) code: 'ECONNRESET'"#,
      #"Get "https://jira.example.com/rest/api/2/myself": read tcp 10.0.0.5:51234->203.0.113.7:443: read: connection reset by peer"#,
      #"org.apache.http.NoHttpResponseException: confluence.example.com:443 failed to respond"#,
      #"System.IO.IOException: Unable to read data from the transport connection: An existing connection was forcibly closed by the remote host."#,
    ]
  )
}
