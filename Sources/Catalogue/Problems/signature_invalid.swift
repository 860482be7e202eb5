import KnowledgeBase

extension Problem {
  static let signatureInvalid = Problem(
    id: "signature_invalid",
    title: "OAuth signature rejected",
    summary: """
      The remote application worked out a different signature for the request than the one \
      this application sent, so it could not authenticate it.
      """,
    meaning: """
      The sending application signs the request method, the URL and the OAuth parameters, and \
      the receiving application recomputes that signature from the request as it arrived. \
      `signature_invalid` means the two results differ, so the local application could not \
      authenticate with the remote one. On an application link this usually means the URL the \
      remote end saw is not the URL that was signed, which points to a base URL, proxy or \
      connector setting rather than to the keys.
      """,
    oauthProblem: "signature_invalid",
    linkStatusType: "OAUTH_SIGNATURE_INVALID",
    logMessage: "oauth_problem=signature_invalid",
    category: .oauthRequestRejected,
    causes: [
      Cause(
        """
        The application URL stored in the link does not match the URL the remote application \
        reports for itself.

        When the response carries `oauth_signature_base_string`, it shows what the remote end \
        verified. Percent-decode it until it reads like `GET&https%3A%2F%2F...&...`; its second \
        `&`-separated part, decoded once more, is the URL the remote end used. Compare that \
        with the application URL of the link.
        """,
        actions: [
          """
          Check that the remote application's base URL and the application URL defined in the \
          link are the same.
          """,
          """
          If a reverse proxy or port forwarding is in use, check that the `Host` header carries \
          the correct host name and port.
          """,
          """
          If a reverse proxy or port forwarding is in use, check that both applications are \
          configured correctly for running behind a reverse proxy.
          """,
        ]
      ),
      Cause(
        """
        The proxy or the application's `server.xml` is misconfigured, so the proxy and the \
        application disagree about the protocol.
        """,
        actions: [
          """
          Check that the proxy and the application use the same protocol, either HTTP or HTTPS. \
          In the application's `server.xml`, find the Tomcat SSL connector and check that its \
          `scheme` attribute names the same protocol as the proxy.
          """,
          """
          Think back to recent upgrades: an upgrade may have replaced `server.xml` or changed \
          the proxy configuration.
          """,
          """
          Work through Atlassian's reverse proxy troubleshooting guide.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .code,
        literal: #"oauth_signature_base_string="#,
        pattern: #"oauth_signature_base_string="?[A-Z]"#,
        priority: 60
      ),

      LogMessage(
        .wording, literal: #"unable to authenticate with the remote application"#,
        pattern: #"The local application was unable to authenticate with the remote application"#,
        priority: 40),
      .oauthProblemInWords(
        "signature invalid", "invalid signature", "signature mismatch",
        "signature verification failed"),
    ],
    seeAlso: [
      .problem("consumer_key_unknown"),
      .article("debug-logging"),
      .article("log-locations"),
    ],
    examples: [
      """
      oauth_problem=signature_invalid&oauth_signature=bG9uZ3NpZ25hdHVyZQ%3D%3D&\
      oauth_signature_base_string=GET%26https%253A%252F%252Fjira.example.com%252Frest%252Fapi\
      %252F2%252Fissue%26oauth_consumer_key%253Dconfluence%253A1234&\
      oauth_signature_method=RSA-SHA1
      """,
      """
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fconfluence.example.com", \
      oauth_problem="signature_invalid"
      """,
      """
      2024-03-05 14:02:11,287 http-nio-8080-exec-21 WARN anonymous 842x27011x1 - 10.0.0.9 \
      /rest/applinks/1.0/manifest [c.a.oauth.serviceprovider.internal.servlet.OAuthFilter] \
      Problem encountered authenticating OAuth client for url \
      "http://jira.example.com/rest/applinks/1.0/manifest", error was "signature_invalid", \
      with parameters "{oauth_consumer_key=confluence:8842917, oauth_token=}"
      """,
      """
      2024-03-05 14:02:11,287 ERROR [http-nio-7990-exec-9] - @1KIQBHMx418x285211x2 - \
      10.0.0.7 "GET /rest/api/1.0/projects HTTP/1.1" c.a.o.s.i.servlet.OAuthFilter Problem \
      encountered authenticating OAuth client for url \
      "http://bitbucket.example.com/rest/api/1.0/projects", error was "signature_invalid", \
      with parameters "{oauth_consumer_key=jira:5521904}"
      """,
      "{ statusCode: 401, data: 'oauth_problem=signature_invalid' }",
      """
      {"category":"NETWORK_ERROR","type":"OAUTH_SIGNATURE_INVALID","details":null}
      """,
      #"&oauth_signature_base_string=GET%26https%253A%252F%252Fjira.example.com%252Frest%252Fapi%252F2%252Fmyself%26oauth_consumer_key%253Dconfluence"#,
      #"oauth_problem=The+signature+is+invalid&oauth_problem_advice=Check+the+consumer+secret"#,
    ]
  )
}
