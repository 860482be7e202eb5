import KnowledgeBase

extension Problem {
  static let sslUntrusted = Problem(
    id: "ssl_untrusted",
    title: "Remote TLS certificate not trusted",
    summary: """
      This application's Java refused the remote application's HTTPS certificate because it \
      cannot trace it to a certificate authority in its truststore.
      """,
    meaning: """
      Every request over the link starts with a TLS handshake, and the Java runtime of this \
      application checks the remote certificate against its own truststore (`cacerts`). \
      `PKIX path building failed` means no chain from the remote certificate to a trusted root \
      could be built, so the handshake stops and no request reaches the remote application. \
      The check runs on the calling end only: a browser that trusts the site says nothing about \
      the JVM that makes the link's requests.
      """,
    linkStatusType: "SSL_UNTRUSTED",
    logMessage: """
      javax.net.ssl.SSLHandshakeException: sun.security.validator.ValidatorException: PKIX path \
      building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to \
      find valid certification path to requested target
      """,
    category: .networkAndTLS,
    causes: [
      Cause(
        """
        The remote certificate is self-signed or issued by an internal certificate authority \
        that the Java truststore of this application does not contain.
        """,
        actions: [
          """
          Find the Java runtime this application really uses (often the bundled `jre` folder in \
          the installation directory, otherwise `JAVA_HOME` of the service).
          """,
          """
          Fetch the remote chain from this server: \
          `openssl s_client -connect confluence.example.com:443 -showcerts`, and save the root \
          (or issuing) certificate to a file.
          """,
          """
          Import it into that runtime's truststore, for example \
          `keytool -importcert -alias example-root -file root.crt -keystore \
          $JAVA_HOME/lib/security/cacerts` (Java 8: `$JAVA_HOME/jre/lib/security/cacerts`; the \
          default password is `changeit`).
          """,
          "Restart the application, then check the link's status again.",
          """
          Repeat the import after every Java or product upgrade that replaces the bundled \
          runtime, or point the JVM at a truststore kept outside it with \
          `-Djavax.net.ssl.trustStore`.
          """,
        ]
      ),
      Cause(
        """
        The remote web server or proxy sends only its own certificate and leaves out the \
        intermediate certificates, so Java cannot complete the chain even though browsers \
        manage to.
        """,
        actions: [
          """
          Check the chain the remote sends with `openssl s_client -connect \
          confluence.example.com:443 -showcerts`; more than one certificate should be listed.
          """,
          """
          Configure the remote web server, proxy or load balancer to serve the full chain \
          (server certificate followed by its intermediates).
          """,
          """
          Until that is fixed, importing the intermediate certificate into this end's truststore \
          lets the link work.
          """,
        ]
      ),
      Cause(
        """
        A proxy or security appliance between the two servers intercepts TLS and presents a \
        certificate of its own.
        """,
        actions: [
          """
          Compare the issuer shown by `openssl s_client` from this server with the one a \
          browser shows for the remote application.
          """,
          """
          Exempt the remote host from interception, or import the appliance's root certificate \
          into this end's truststore.
          """,
        ]
      ),
      Cause(
        """
        A certificate in the chain has expired or is not yet valid (`PKIX path validation \
        failed`, often with `validity check failed`).
        """,
        actions: [
          "Renew the expired certificate on the remote web server or proxy.",
          """
          Check the clock of this server too: a clock far off makes valid certificates look \
          expired.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .exception,
        literal: "PKIX path building failed",
        pattern: "PKIX path building failed"
      ),
      LogMessage(
        .exception,
        literal: "unable to find valid certification path to requested target",
        pattern: "unable to find valid certification path to requested target"
      ),
      LogMessage(
        .exception,
        literal: "PKIX path validation failed",
        pattern: "PKIX path validation failed"
      ),
      LogMessage(
        .exception,
        literal: #"CERTIFICATE_VERIFY_FAILED"#,
        pattern: #"CERTIFICATE_VERIFY_FAILED(?![A-Za-z0-9_])"#,
        priority: 65
      ),
      LogMessage(
        .exception,
        literal: #"certificate verify failed"#,
        pattern: #"certificate verify failed"#,
        priority: 65
      ),
      LogMessage(
        .exception,
        literal: #"UNABLE_TO_VERIFY_LEAF_SIGNATURE"#,
        pattern: #"UNABLE_TO_VERIFY_LEAF_SIGNATURE"#
      ),
      LogMessage(
        .exception,
        literal: #"unable to verify the first certificate"#,
        pattern: #"unable to verify the first certificate"#
      ),
      LogMessage(
        .exception,
        literal: #"unable to get local issuer certificate"#,
        pattern: #"unable to get local issuer certificate"#
      ),
      LogMessage(
        .exception,
        literal: #"self signed certificate"#,
        pattern: #"self signed certificate"#
      ),
      LogMessage(
        .exception,
        literal: #"self-signed certificate"#,
        pattern: #"self-signed certificate"#
      ),
      LogMessage(
        .exception,
        literal: #"SELF_SIGNED_CERT_IN_CHAIN"#,
        pattern: #"SELF_SIGNED_CERT_IN_CHAIN"#
      ),
      LogMessage(
        .exception,
        literal: #"DEPTH_ZERO_SELF_SIGNED_CERT"#,
        pattern: #"DEPTH_ZERO_SELF_SIGNED_CERT"#
      ),
      LogMessage(
        .exception,
        literal: #"certificate signed by unknown authority"#,
        pattern: #"certificate signed by unknown authority"#
      ),
      LogMessage(
        .exception,
        literal: #"SSLPeerUnverifiedException"#,
        pattern: #"SSLPeerUnverifiedException(?![A-Za-z0-9_])"#,
        priority: 65
      ),
      LogMessage(
        .exception,
        literal: #"peer not authenticated"#,
        pattern: #"peer not authenticated"#
      ),
      LogMessage(
        .exception,
        literal: #"failed to load system roots"#,
        pattern: #"failed to load system roots"#
      ),
      LogMessage(
        .exception,
        literal: #"not trusted by the trust provider"#,
        pattern: #"root certificate which is not trusted by the trust provider"#
      ),

      LogMessage(
        .exception, literal: #"Could not establish trust relationship"#,
        pattern: #"Could not establish trust relationship for the SSL/T[LS]{2} secure channel"#,
        priority: 65),
      LogMessage(
        .exception, literal: "certificate verification failed",
        pattern: "server certificate verification failed", priority: 65),
      LogMessage(
        .exception, literal: "issuer has been marked as not trusted",
        pattern: "[Cc]ertificate issuer has been marked as not trusted", priority: 65),
    ],
    seeAlso: [
      .problem("ssl_hostname_unmatched"),
      .problem("unknown_host"),
      .problem("connection_refused"),
      .article("log-locations"),
      .article("debug-logging"),
    ],
    examples: [
      """
      2024-03-05 14:02:11,287 http-nio-8080-exec-21 ERROR admin 842x26597x1 1k9a2i5 10.0.0.7 \
      /rest/applinks/3.0/applinks [c.a.a.c.manifest.AppLinksManifestDownloader] Failed to \
      download manifest from https://confluence.example.com: \
      javax.net.ssl.SSLHandshakeException: PKIX path building failed: \
      sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid \
      certification path to requested target
      """,
      """
      Caused by: sun.security.provider.certpath.SunCertPathBuilderException: unable to find \
      valid certification path to requested target
      """,
      """
      javax.net.ssl.SSLHandshakeException: sun.security.validator.ValidatorException: PKIX path \
      building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to \
      find valid certification path to requested target
      """,
      """
      Caused by: sun.security.validator.ValidatorException: PKIX path validation failed: \
      java.security.cert.CertPathValidatorException: validity check failed
      """,
      """
      {"link":{"id":"5c2b1d7e-93a4-3f0e-b1c2-7d8e9fa0b1c2","name":"Jira"},"working":false,\
      "error":{"category":"NETWORK_ERROR","type":"SSL_UNTRUSTED"}}
      """,
      #"requests.exceptions.SSLError: HTTPSConnectionPool(host='jira.example.com', port=443): Max retries exceeded with url: /rest/api/2/serverInfo (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)')))"#,
      #"Post "https://jira.example.com/plugins/servlet/oauth/request-token": x509: certificate signed by unknown authority"#,
      #"fatal: unable to access 'https://bitbucket.example.com/scm/proj/repo.git/': server certificate verification failed. CAfile: none CRLfile: none"#,
    ]
  )
}
