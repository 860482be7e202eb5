import KnowledgeBase

extension Problem {
  static let truststoreUnusable = Problem(
    id: "truststore_unusable",
    title: "Truststore cannot be used",
    summary: """
      The set of trusted certificates this application should check the remote against \
      could not be read at all: missing, empty, or locked with another password.
      """,
    meaning: """
      Before any certificate is judged, the client loads its truststore: for Java the JDK's \
      `cacerts`, or the file named by `javax.net.ssl.trustStore`; for Python, curl and \
      Node.js a CA bundle file. When that file does not exist, cannot be opened, holds no \
      trusted certificate, or its password is wrong, every TLS connection fails, to every \
      remote, before the remote's certificate is even looked at. Java says \
      `the trustAnchors parameter must be non-empty` (no trusted certificate was found, \
      often because the path is wrong) or `Keystore was tampered with, or password was \
      incorrect`; sometimes only `Error constructing implementation (algorithm: Default, \
      provider: SunJSSE, ...)`. Python's requests says `Could not find a suitable TLS CA \
      certificate bundle, invalid path`, curl `error setting certificate verify locations`. \
      This is not the remote's fault: importing its certificate again will not help until \
      the store itself can be read.
      """,
    logMessage:
      "java.security.InvalidAlgorithmParameterException: the trustAnchors parameter must be non-empty",
    category: .networkAndTLS,
    causes: [
      Cause(
        """
        `-Djavax.net.ssl.trustStore` points at a file that does not exist, is not readable by \
        the user the application runs as, or is not a keystore.
        """,
        actions: [
          """
          Find the option in the JVM arguments (`setenv.sh`, the service's settings) and \
          check the file with `keytool -list -keystore <path>` as the application's user.
          """,
          """
          Correct the path (or remove the option to fall back to the JDK's `cacerts`), \
          restart the application and check the link again.
          """,
        ]
      ),
      Cause(
        """
        `-Djavax.net.ssl.trustStorePassword` does not match the store's password, or the \
        store's type (JKS, PKCS12) is not the one the JVM expects.
        """,
        actions: [
          """
          Open the store with `keytool -list -keystore <path> -storepass <password>`; set \
          `javax.net.ssl.trustStorePassword` and `javax.net.ssl.trustStoreType` to what \
          works there, then restart.
          """
        ]
      ),
      Cause(
        """
        The store is empty: it was created fresh to hold one imported certificate, or a \
        Java upgrade replaced `cacerts` with an empty or foreign file; for other clients, the \
        CA bundle variable (`REQUESTS_CA_BUNDLE`, `SSL_CERT_FILE`, `NODE_EXTRA_CA_CERTS`, \
        `CURL_CA_BUNDLE`) names a file that is gone.
        """,
        actions: [
          """
          Start from the JDK's own `cacerts` (or the system's CA bundle), import the \
          certificates your remote applications need into a copy of it, and point the \
          application at that copy.
          """,
          "Unset or correct the CA bundle variable of the client that failed, then try again.",
        ]
      ),
    ],
    messages: [
      LogMessage(
        .exception, literal: #"Unable to build keystore from"#,
        pattern: #"Unable to build keystore from"#,
        priority: 70),
      LogMessage(
        .exception, literal: "trustAnchors parameter must be non-empty",
        pattern: "the trustAnchors parameter must be non-empty", priority: 80),
      LogMessage(
        .exception, literal: "Keystore was tampered with, or password was incorrect",
        pattern: "Keystore was tampered with, or password was incorrect", priority: 80),
      LogMessage(
        .exception,
        literal: "Error constructing implementation (algorithm: Default, provider: SunJSSE",
        pattern: "Error constructing implementation \\(algorithm: Default, provider: SunJSSE",
        priority: 80),
      LogMessage(
        .exception, literal: "Could not find a suitable TLS CA certificate bundle",
        pattern: "Could not find a suitable TLS CA certificate bundle, invalid path", priority: 80),
      LogMessage(
        .exception, literal: "error setting certificate verify locations",
        pattern: "error setting certificate verify locations", priority: 80),
    ],
    seeAlso: [
      .problem("ssl_untrusted"),
      .problem("tls_handshake_failed"),
      .problem("ssl_certificate_expired"),
      .article("log-locations"),
    ],
    examples: [
      #"javax.net.ssl.SSLException: java.lang.RuntimeException: Unexpected error: java.security.InvalidAlgorithmParameterException: the trustAnchors parameter must be non-empty"#,
      #"Caused by: java.io.IOException: Keystore was tampered with, or password was incorrect"#,
      #"java.net.SocketException: java.security.NoSuchAlgorithmException: Error constructing implementation (algorithm: Default, provider: SunJSSE, class: sun.security.ssl.SSLContextImpl$DefaultSSLContext)"#,
      #"OSError: Could not find a suitable TLS CA certificate bundle, invalid path: /etc/ssl/certs/corp-ca.pem"#,
      #"curl: (77) error setting certificate verify locations:  CAfile: /etc/pki/tls/certs/ca-bundle.crt CApath: none"#,
    ]
  )
}
