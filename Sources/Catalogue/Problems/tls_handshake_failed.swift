import KnowledgeBase

extension Problem {
  static let tlsHandshakeFailed = Problem(
    id: "tls_handshake_failed",
    title: "TLS handshake failed",
    summary: """
      The two ends could not agree on how to set up TLS, so the connection was closed \
      before any certificate was checked or any request was sent.
      """,
    meaning: """
      A TLS connection starts with a handshake in which the client offers protocol \
      versions, cipher suites and the host name it wants (SNI), and the server picks from \
      them. When there is nothing both sides accept, or something in between is not \
      speaking TLS, one side gives up: Java reports `Remote host terminated the handshake`, \
      `Received fatal alert: handshake_failure` or `protocol_version`; Python \
      `EOF occurred in violation of protocol` or `UNSAFE_LEGACY_RENEGOTIATION_DISABLED`; \
      OpenSSL `tlsv1 alert internal error`; Node.js `EPROTO`. Unlike an untrusted \
      certificate, this is about the negotiation itself. The link status check files every \
      `SSLHandshakeException` under `SSL_UNTRUSTED`, so the status screen may call the \
      certificate untrusted even when the cause is here.
      """,
    logMessage: "javax.net.ssl.SSLHandshakeException: Remote host terminated the handshake",
    category: .networkAndTLS,
    causes: [
      Cause(
        """
        No protocol version in common. Current Java releases disable TLS 1.0 and 1.1 by \
        default, so an old remote server or appliance that offers nothing newer is refused \
        (`protocol_version`, or `No appropriate protocol` on the Java side); the other way \
        round, a server that accepts only TLS 1.3 rejects an old Java that cannot speak it.
        """,
        actions: [
          """
          Test each version from this server: \
          `openssl s_client -connect jira.example.com:443 -servername jira.example.com \
          -tls1_2 </dev/null`, then the same with `-tls1_3`; a certificate in the output \
          means that version works.
          """,
          """
          Enable TLS 1.2 or 1.3 on the remote web server, proxy or load balancer; that is the \
          lasting fix.
          """,
          """
          If this end's Java is too old for the remote, upgrade it (or the product, which \
          bundles its own Java). Re-enabling TLS 1.0 or 1.1 in `jdk.tls.disabledAlgorithms` \
          of the JVM's `java.security` is a stopgap only.
          """,
        ]
      ),
      Cause(
        """
        No cipher suite or signature algorithm in common (`handshake_failure`): the remote \
        offers only suites this Java has removed, such as RC4 or 3DES, or this Java, perhaps \
        in a restricted or FIPS mode, lacks the suites the remote requires.
        """,
        actions: [
          """
          List what the remote offers: `nmap --script ssl-enum-ciphers -p 443 \
          jira.example.com`.
          """,
          """
          See what this end offers by adding `-Djavax.net.debug=ssl:handshake` to the JVM \
          arguments for a short while, reproducing the failure and reading `catalina.out`.
          """,
          """
          Configure the remote to offer current suites (ECDHE with AES-GCM or ChaCha20) and \
          keep this end's Java up to date.
          """,
        ]
      ),
      Cause(
        """
        The server needs the host name in the handshake (SNI) to pick the right site and \
        certificate, but the client sends none or the wrong one: the link uses an IP \
        address, or the JVM runs with `-Djsse.enableSNIExtension=false`. Servers report it \
        as an alert such as `tlsv1 alert internal error` or `unrecognized_name`.
        """,
        actions: [
          """
          Compare `openssl s_client -connect 203.0.113.5:443 </dev/null` with the same \
          command plus `-servername jira.example.com`; if only the second succeeds, SNI is \
          required.
          """,
          """
          Use the host name in the link's application URL and remove any \
          `jsse.enableSNIExtension=false` from the JVM arguments.
          """,
        ]
      ),
      Cause(
        """
        Something in the path does not speak TLS as expected: the port serves plain HTTP \
        (Java `Unsupported or unrecognized SSL message`, OpenSSL and Node.js \
        `wrong version number`), a TLS-inspecting proxy or firewall cuts the handshake \
        (Python `EOF occurred in violation of protocol`), or an old appliance lacks secure \
        renegotiation, which OpenSSL 3 clients refuse \
        (`UNSAFE_LEGACY_RENEGOTIATION_DISABLED`).
        """,
        actions: [
          """
          Check whether the port answers plain HTTP: `curl -v http://jira.example.com:8443/`; \
          if it does, correct the scheme or port in the link's URL.
          """,
          """
          Compare the certificate issuer that `openssl s_client` shows from this server with \
          the one a browser shows; a foreign issuer reveals an intercepting proxy. Exempt the \
          remote host from inspection, or update the appliance.
          """,
          """
          Fix missing secure renegotiation on the server or appliance; relaxing OpenSSL with \
          `Options = UnsafeLegacyServerConnect` on the client is a temporary workaround at \
          best.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .exception,
        literal: #"Remote host terminated the handshake"#,
        pattern: #"Remote host terminated the handshake"#
      ),
      LogMessage(
        .exception,
        literal: #"Received fatal alert: "#,
        pattern:
          #"Received fatal alert: (?:handshake_failure|protocol_version|illegal_parameter|insufficient_security)"#
      ),
      LogMessage(
        .exception,
        literal: #"EOF occurred in violation of protocol"#,
        pattern: #"EOF occurred in violation of protocol"#
      ),
      LogMessage(
        .exception,
        literal: #"UNSAFE_LEGACY_RENEGOTIATION_DISABLED"#,
        pattern: #"UNSAFE_LEGACY_RENEGOTIATION_DISABLED"#
      ),
      LogMessage(
        .exception,
        literal: #"alert handshake failure"#,
        pattern: #"(?:sslv3|tlsv1) alert handshake failure"#
      ),
      LogMessage(
        .exception,
        literal: #"tlsv1 alert "#,
        pattern: #"tlsv1 alert (?:internal error|protocol version)"#
      ),
      LogMessage(
        .exception,
        literal: #"wrong version number"#,
        pattern: #"wrong version number"#
      ),
      LogMessage(
        .exception,
        literal: #"EPROTO"#,
        pattern: #"(?:^|[^A-Za-z0-9_])EPROTO(?![A-Za-z0-9_])"#,
        priority: 65
      ),
      LogMessage(
        .exception,
        literal: #"No appropriate protocol"#,
        pattern: #"No appropriate protocol"#
      ),
      LogMessage(
        .exception,
        literal: #"no cipher suites in common"#,
        pattern: #"no cipher suites in common"#
      ),
      LogMessage(
        .exception,
        literal: #"unrecognized_name"#,
        pattern: #"handshake alert: +unrecognized_name"#
      ),

      LogMessage(
        .exception, literal: #"No negotiable cipher suite"#,
        pattern: #"No negotiable cipher suite"#,
        priority: 60),
      LogMessage(
        .exception, literal: #"SSLHandshakeException"#,
        pattern: #"(?:^|[^A-Za-z])SSLHandshakeException(?![A-Za-z])"#,
        priority: 20),
      LogMessage(
        .exception, literal: "Could not create SSL/TLS secure channel",
        pattern: "Could not create SSL/TLS secure channel", priority: 65),
      LogMessage(
        .exception, literal: "SSL_ERROR_SYSCALL",
        pattern: "SSL_connect: SSL_ERROR_SYSCALL", priority: 60),
    ],
    seeAlso: [
      .problem("ssl_untrusted"),
      .problem("ssl_certificate_expired"),
      .problem("ssl_hostname_unmatched"),
      .problem("connection_refused"),
      .article("debug-logging"),
    ],
    examples: [
      #"Caused by: javax.net.ssl.SSLHandshakeException: Remote host terminated the handshake"#,
      #"javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure"#,
      #"2024-03-05 14:02:11,287 ERROR [http-nio-8090-exec-2] [applinks.core.rest.ApplicationLinkResource] javax.net.ssl.SSLHandshakeException: Received fatal alert: protocol_version"#,
      #"Invoke-WebRequest : The request was aborted: Could not create SSL/TLS secure channel."#,
    ]
  )
}
