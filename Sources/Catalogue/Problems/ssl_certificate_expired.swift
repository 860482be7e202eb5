import KnowledgeBase

extension Problem {
  static let sslCertificateExpired = Problem(
    id: "ssl_certificate_expired",
    title: "Remote TLS certificate expired or not yet valid",
    summary: """
      A certificate the remote application presents, its own or one in its chain, is outside \
      its validity dates, so this end refuses the TLS connection.
      """,
    meaning: """
      Every certificate is valid only between its `NotBefore` and `NotAfter` dates, judged \
      by the clock of the machine that checks it. When any certificate in the chain the \
      remote sends falls outside that window, the handshake is aborted and no request of \
      the link is sent. Java reports it as `CertificateExpiredException: NotAfter: ...` (or \
      `CertificateNotYetValidException: NotBefore: ...`), usually wrapped in \
      `PKIX path validation failed` and `validity check failed`; Python and OpenSSL say \
      `certificate has expired`, Node.js `CERT_HAS_EXPIRED`, Go \
      `x509: certificate has expired or is not yet valid`. The status screen usually shows \
      `SSL_UNTRUSTED`, because the check files every handshake failure there. A browser on \
      another machine may not show the problem at all, since it can build a different chain \
      and runs on a different clock.
      """,
    logMessage: "java.security.cert.CertificateExpiredException: NotAfter: <date>",
    category: .networkAndTLS,
    causes: [
      Cause(
        """
        The remote server's own certificate has expired and was not renewed, or it was \
        renewed but the web server, proxy or load balancer still serves the old one.
        """,
        actions: [
          """
          Read the dates the remote serves, from this server: \
          `openssl s_client -connect confluence.example.com:443 \
          -servername confluence.example.com </dev/null 2>/dev/null | openssl x509 -noout \
          -dates -subject -issuer`.
          """,
          """
          Renew the certificate and install it on whatever terminates TLS for the remote \
          (Tomcat keystore, reverse proxy, load balancer).
          """,
          """
          Reload or restart that component (for example `nginx -s reload`, or restarting \
          Tomcat after replacing its keystore) and run the `openssl` check again.
          """,
        ]
      ),
      Cause(
        """
        An intermediate certificate in the chain has expired: the server was given a new \
        certificate but still sends an old intermediate or cross-signed certificate with it.
        """,
        actions: [
          """
          List the whole chain with `openssl s_client -connect confluence.example.com:443 \
          -servername confluence.example.com -showcerts </dev/null` and check the dates of \
          each certificate (pipe each one through `openssl x509 -noout -dates`).
          """,
          """
          Replace the chain file on the server with the current one from the certificate \
          authority, then reload the server.
          """,
        ]
      ),
      Cause(
        """
        This end's Java truststore is out of date: a root certificate in it has expired, or \
        the newer root the chain now leads to is missing, so Java builds its path through \
        an old, expired certificate.
        """,
        actions: [
          """
          List the expiry dates in the truststore the application uses: \
          `keytool -list -v -keystore $JAVA_HOME/lib/security/cacerts -storepass changeit \
          | grep -E 'Alias name|Valid from'` (Java 8: `$JAVA_HOME/jre/lib/security/cacerts`).
          """,
          """
          Upgrade the Java runtime (or the product that bundles it), or import the \
          certificate authority's current root with `keytool -importcert`, then restart the \
          application.
          """,
        ]
      ),
      Cause(
        """
        The certificates are fine, but the clock of this server (or of the remote, for \
        certificates it checks) is wrong, so valid certificates look expired or not yet \
        valid.
        """,
        actions: [
          """
          Compare `date -u` on this server with a trusted time source, and check \
          `timedatectl status` for NTP synchronisation.
          """,
          """
          Fix the time and keep it synchronised with NTP; a wrong clock also breaks OAuth \
          with `timestamp_refused`.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .exception,
        literal: #"CertificateExpiredException"#,
        pattern: #"CertificateExpiredException(?![A-Za-z0-9_])"#,
        priority: 75
      ),
      LogMessage(
        .exception,
        literal: #"certificate has expired"#,
        pattern: #"certificate has expired"#,
        priority: 75
      ),
      LogMessage(
        .exception,
        literal: #"CERT_HAS_EXPIRED"#,
        pattern: #"CERT_HAS_EXPIRED"#,
        priority: 75
      ),
    ],
    seeAlso: [
      .problem("ssl_untrusted"),
      .problem("tls_handshake_failed"),
      .problem("ssl_hostname_unmatched"),
      .problem("timestamp_refused"),
      .article("log-locations"),
    ],
    examples: [
      #"certificate has expired"#,
      #"Caused by: java.security.cert.CertificateExpiredException: NotAfter: Sun Mar 03 23:59:59 UTC 2024"#,
      #"requests.exceptions.SSLError: HTTPSConnectionPool(host='jira.example.com', port=443): Max retries exceeded with url: /rest/api/2/myself (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)')))"#,
      #"Get "https://jira.example.com/rest/api/2/serverInfo": x509: certificate has expired or is not yet valid: current time 2024-03-05T14:02:11Z is after 2024-03-03T23:59:59Z"#,
    ]
  )
}
