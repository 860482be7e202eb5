import KnowledgeBase

extension Problem {
  static let trustedAppsBadSignature = Problem(
    id: "trusted_apps_bad_signature",
    title: "Trusted Applications signature rejected",
    summary: """
      A link that still uses legacy Trusted Applications authentication sent a request whose \
      signature the remote application could not verify.
      """,
    meaning: """
      Trusted Applications is the authentication that application links used before OAuth. \
      The calling application signs each request, including its URL, with its private key, \
      and the receiving application checks the signature with the public key it stored when \
      the trust was set up. `BAD_SIGNATURE` in the `X-Seraph-Trusted-App-Error` response \
      header means that check failed, so the request is handled as anonymous. In practice the \
      URL the receiver sees rarely matches the URL that was signed, typically because of a \
      reverse proxy, or the stored key is out of date.
      """,
    logMessage: """
      X-Seraph-Trusted-App-Error: BAD_SIGNATURE;\tBad signature for URL: {0};\t\
      ["https://jira.example.com/rest/api/2/issue/ABC-1"]
      """,
    category: .trustedApplications,
    causes: [
      Cause(
        """
        The link still uses Trusted Applications, which Atlassian no longer recommends; OAuth \
        replaces it and does not depend on the receiver rebuilding the exact request URL.
        """,
        actions: [
          """
          Open the link's status on the application links screen; recent versions flag legacy \
          authentication there and offer to update the link to OAuth.
          """,
          """
          Otherwise edit the link on both ends: turn off Trusted Applications in the incoming \
          and outgoing authentication and turn on OAuth instead.
          """,
          "Test a feature that uses the link, such as a Jira issue macro or a dev-tools panel.",
        ]
      ),
      Cause(
        """
        A reverse proxy, port forwarding or a wrong base URL makes the receiving application \
        see another scheme, host or port than the one the caller signed (for example \
        `http://localhost:8060` instead of `https://crucible.example.com`).
        """,
        actions: [
          """
          Compare the URL in the error with the receiving application's base URL and its \
          public address.
          """,
          """
          Correct the proxy settings of the receiving application (for Tomcat, `proxyName`, \
          `proxyPort` and `scheme` on the connector in `server.xml`) so it sees the public URL.
          """,
          "Restart the receiving application and test the link again.",
        ]
      ),
      Cause(
        """
        The public key stored for the caller no longer matches its key pair, for example \
        after the caller was reinstalled, cloned or restored from a backup.
        """,
        actions: [
          """
          Delete the link on both ends and create it again (preferably with OAuth), so fresh \
          keys are exchanged.
          """
        ]
      ),
    ],
    messages: [
      LogMessage(
        .code,
        literal: "BAD_SIGNATURE",
        pattern: "[Xx]-[Ss]eraph-[Tt]rusted-[Aa]pp-[Ee]rror[=:] ?BAD_SIGNATURE",
        priority: 80
      ),
      LogMessage(
        .wording,
        literal: "Bad signature for URL",
        pattern: "Bad signature for URL"
      ),
      LogMessage(
        .wording,
        literal: "Missing signature in a v2 request",
        pattern: "Missing signature in a v2 request"
      ),
      LogMessage(
        .code,
        literal: "BAD_SIGNATURE",
        pattern: "(?:^|[^A-Za-z0-9_])BAD_SIGNATURE(?![A-Za-z0-9_])",
        priority: 40
      ),
    ],
    seeAlso: [
      .problem("trusted_apps_certificate_too_old"),
      .problem("trusted_apps_bad_remote_ip"),
      .problem("signature_invalid"),
      .article("what-is-oauth"),
      .article("debug-logging"),
    ],
    examples: [
      """
      2024-03-05 14:02:11,288 http-nio-8080-exec-49 DEBUG admin 842x26597x1 1k9a2i5 10.0.0.7 \
      /rest/applinks/1.0/permission/create-entity/a740ca68-a1de-3dd0-89ef-8f363372ee73 \
      [o.apache.http.headers] http-outgoing-3 << X-Seraph-Trusted-App-Error: BAD_SIGNATURE;\t\
      Bad signature for URL: {0};\t\
      ["https://crucible.example.com/rest/applinks/1.0/permission/create-entity/a3425419"]
      """,
      """
      Caused by: com.atlassian.confluence.extra.jira.TrustedAppsException: BAD_SIGNATURE;\t\
      Bad signature for URL: {0};\t\
      ["https://jira.example.com/sr/jira.issueviews:searchrequest-xml/temp/SearchRequest.xml"]
      """,
      "X-Seraph-Trusted-App-Error: BAD_SIGNATURE",
      "BAD_SIGNATURE",
    ]
  )
}
