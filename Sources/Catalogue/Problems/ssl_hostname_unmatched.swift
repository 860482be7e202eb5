import KnowledgeBase

extension Problem {
  static let sslHostnameUnmatched = Problem(
    id: "ssl_hostname_unmatched",
    title: "Remote certificate does not name the host",
    summary: """
      The remote application's TLS certificate is valid, but it is issued for other host names \
      than the one in the link's URL.
      """,
    meaning: """
      After checking who issued the remote certificate, Java also checks that the certificate \
      names the host this end connected to, in its subject alternative names (or, for old \
      certificates, the common name). Here that check failed, so the connection is dropped \
      before any request of the link is sent. The host that failed is the one in the link's \
      application URL, which is not always the name users type in their browsers. Newer Java \
      versions report this inside an `SSLHandshakeException`, and the status screen may then \
      show `SSL_UNTRUSTED` instead.
      """,
    linkStatusType: "SSL_HOSTNAME_UNMATCHED",
    otherLinkStatusTypes: ["SSL_UNMATCHED"],
    logMessage: """
      javax.net.ssl.SSLPeerUnverifiedException: Host name 'jira.example.com' does not match the \
      certificate subject provided by the peer (CN=*.example.org, O=Example Org, C=US)
      """,
    category: .networkAndTLS,
    causes: [
      Cause(
        """
        The link's application URL uses a name the certificate does not cover: a short \
        internal name, an IP address, an old host name or an alias.
        """,
        actions: [
          """
          List the names the remote certificate covers: \
          `openssl s_client -connect jira.example.com:443 -servername jira.example.com \
          </dev/null | openssl x509 -noout -subject -ext subjectAltName`.
          """,
          """
          Edit the application link and change its application URL to one of those names, \
          making sure this server can resolve and reach it.
          """,
          """
          Do the same on the other end if its link back uses the same kind of name, then check \
          the status of the link from both sides.
          """,
        ]
      ),
      Cause(
        """
        The certificate itself is incomplete: the name is missing from its subject alternative \
        names, or a wildcard does not cover it (`*.example.com` covers `jira.example.com` but \
        not `jira.eu.example.com`).
        """,
        actions: [
          """
          Have the certificate reissued with every name the applications use listed as a \
          subject alternative name.
          """,
          "Install the new certificate on the remote web server or proxy and restart it.",
        ]
      ),
      Cause(
        """
        A load balancer or reverse proxy in front of the remote application presents a \
        default certificate for another site, for example because the host name is not \
        configured as a virtual host there.
        """,
        actions: [
          """
          Compare the subject in the log line (or from `openssl s_client`) with the site you \
          expect; a foreign name points at the proxy's configuration.
          """,
          """
          Add the link's host name to the proxy's virtual host and certificate configuration.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .exception,
        literal: "does not match the certificate subject provided by the peer",
        pattern: #"""
          Host name '([^']{1,255})' does not match the certificate subject provided by the peer \#
          \(([^()]{1,1024}(?:\([^()]{0,256}\)[^()]{0,1024})*)\)
          """#,
        captures: ["remote_host", "certificate_subject"]
      ),
      LogMessage(
        .exception,
        literal: "No subject alternative DNS name matching ",
        pattern: "No subject alternative DNS name matching ([A-Za-z0-9*._-]{1,255}) found",
        captures: ["remote_host"]
      ),
      LogMessage(
        .exception,
        literal: "No subject alternative names matching IP address ",
        pattern: "No subject alternative names matching IP address ([0-9A-Fa-f.:]{1,64}) found",
        captures: ["remote_host"]
      ),
      LogMessage(
        .exception,
        literal: "No subject alternative names present",
        pattern: "No subject alternative names present"
      ),
      LogMessage(
        .exception,
        literal: "CertificateException: No name matching ",
        pattern: "CertificateException: No name matching ([A-Za-z0-9*._-]{1,255}) found",
        captures: ["remote_host"]
      ),
      LogMessage(
        .exception,
        literal: "doesn't match any of the subject alternative names",
        pattern: """
          Certificate for <?([^<> \\t]{1,255})>? doesn't match any of the subject alternative names
          """,
        captures: ["remote_host"]
      ),
      LogMessage(
        .exception,
        literal: "doesn't match common name of the certificate subject",
        pattern: """
          Certificate for <?([^<> \\t]{1,255})>? doesn't match common name of the certificate subject
          """,
        captures: ["remote_host"]
      ),
      LogMessage(
        .exception,
        literal: "hostname in certificate didn't match",
        pattern: "hostname in certificate didn't match: <([^<>]{1,255})>",
        captures: ["remote_host"]
      ),
      LogMessage(
        .exception,
        literal: #"Hostname mismatch, certificate is not valid for"#,
        pattern: #"Hostname mismatch, certificate is not valid for '([^']{1,255})'"#,
        captures: ["remote_host"],
        priority: 75
      ),
      LogMessage(
        .exception,
        literal: #"' doesn't match "#,
        pattern: #"hostname '([^']{1,255})' doesn't match "#,
        captures: ["remote_host"],
        priority: 75
      ),
      LogMessage(
        .exception,
        literal: #"x509: certificate is valid for"#,
        pattern:
          #"x509: certificate is valid for (?:[^\t:]|:(?! )){1,1024}, not ([A-Za-z0-9*._-]{1,255})"#,
        captures: ["remote_host"],
        priority: 75
      ),
      LogMessage(
        .exception,
        literal: #"ERR_TLS_CERT_ALTNAME_INVALID"#,
        pattern: #"ERR_TLS_CERT_ALTNAME_INVALID"#,
        priority: 75
      ),
      LogMessage(
        .exception,
        literal: #"does not match certificate's altnames"#,
        pattern:
          #"Host: ([A-Za-z0-9._-]{1,255})\. is not in the cert's altnames|does not match certificate's altnames"#,
        captures: ["remote_host"],
        priority: 75
      ),
      LogMessage(
        .exception,
        literal: #"SSLPeerUnverifiedException: Hostname "#,
        pattern: #"SSLPeerUnverifiedException: Hostname ([A-Za-z0-9._-]{1,255}) not verified"#,
        captures: ["remote_host"],
        priority: 75
      ),
    ],
    seeAlso: [
      .problem("ssl_untrusted"),
      .problem("unknown_host"),
      .article("log-locations"),
    ],
    examples: [
      """
      2024-03-05 14:02:11,287 ERROR [http-nio-7990-exec-9] admin @1KIQBHMx418x285211x2 wpmwu \
      10.0.0.7 "GET /rest/applinks/3.0/status/144880e9-a353-312f-9412-ed028e8166fa HTTP/1.1" \
      c.a.a.i.capabilities.DefaultRemoteCapabilitiesService Failed to retrieve capabilities: \
      javax.net.ssl.SSLPeerUnverifiedException: Host name 'jira.example.com' does not match the \
      certificate subject provided by the peer (CN=*.example.org, O=Example Org, C=US)
      """,
      """
      Caused by: java.security.cert.CertificateException: No subject alternative DNS name \
      matching jira.example.com found.
      """,
      """
      javax.net.ssl.SSLHandshakeException: No subject alternative names matching IP address \
      203.0.113.5 found
      """,
      """
      javax.net.ssl.SSLPeerUnverifiedException: Certificate for <confluence.example.com> \
      doesn't match any of the subject alternative names: [wiki.example.org, www.example.org]
      """,
      """
      javax.net.ssl.SSLException: hostname in certificate didn't match: <jira.example.com> != \
      <*.example.org>
      """,
      "SSL_HOSTNAME_UNMATCHED",
      """
      {"link":{"id":"5c2b1d7e-93a4-3f0e-b1c2-7d8e9fa0b1c2","name":"Jira"},"working":false,\
      "error":{"category":"NETWORK_ERROR","type":"SSL_UNMATCHED"}}
      """,
      #"requests.exceptions.SSLError: HTTPSConnectionPool(host='jira.example.com', port=443): Max retries exceeded with url: /rest/api/2/myself (Caused by SSLError(SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for 'jira.example.com'. (_ssl.c:1006)")))"#,
    ]
  )
}
