import KnowledgeBase

extension Problem {
  static let oauthChallengeUnanswered = Problem(
    id: "oauth_challenge_unanswered",
    title: "Remote asked for OAuth that this end did not send",
    summary: """
      The remote application answered a request over the link with an OAuth challenge, and \
      this application had no OAuth credentials to answer it with.
      """,
    meaning: """
      When a request reaches an Atlassian application without credentials it accepts, the \
      application answers `401` with a `WWW-Authenticate: OAuth realm="..."` header, \
      inviting the caller to try again with OAuth. The HTTP client under older application \
      links (Apache commons-httpclient) logs `Unable to respond to any of these challenges` \
      when it cannot take up that invitation: the request was sent with some other \
      authentication, such as Trusted Applications, or with none. The message is a symptom; \
      the real question is why the request did not carry OAuth, or why the remote did not \
      accept what it did carry. The feature that made the request gets no data or only what \
      anonymous users may see.
      """,
    logMessage: """
      Unable to respond to any of these challenges: {oauth=OAuth realm="<remote base URL>"}
      """,
    category: .linkConfiguration,
    causes: [
      Cause(
        """
        The link's outgoing authentication is Trusted Applications, and the remote did not \
        accept the trusted request (bad signature, old certificate, wrong address) or no \
        longer supports Trusted Applications at all, so it fell back to asking for OAuth.
        """,
        actions: [
          """
          Look just before the message, or in the remote's log, for an \
          `X-Seraph-Trusted-App-Error` value such as `BAD_SIGNATURE` or a \
          `CertificateTooOldException`.
          """,
          """
          Update the link to OAuth on both ends; Application Links 5.2 and later support only \
          OAuth, and the links screen marks such links as DEPRECATED with an update option.
          """,
        ]
      ),
      Cause(
        """
        The link has no outgoing authentication on this end, so the request went out \
        anonymously, and the resource on the remote needs a signed-in user.
        """,
        actions: [
          """
          Edit the link on this end and configure outgoing OAuth (or OAuth with \
          impersonation), matching the incoming authentication on the remote end.
          """,
          "Check the link's status from both ends, then repeat the action that failed.",
        ]
      ),
      Cause(
        """
        An app or script calls the remote through its own HTTP client rather than through \
        the link's authenticated request factory, or uses a Trusted Applications request \
        that the product no longer offers (a third-party source reports that Confluence 10 \
        removed `com.atlassian.sal.api.net.TrustedRequestFactory`).
        """,
        actions: [
          """
          Find which app made the request from the logger name and thread in the log line, \
          and check with its vendor for a version that uses OAuth through application links.
          """,
          """
          For your own scripts, authenticate explicitly, for example with OAuth 2.0 or a \
          personal access token.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .status,
        literal: #"Unable to respond to any of these challenges"#,
        pattern: #"Unable to respond to any of these challenges: \{oauth="#
      ),
      LogMessage(
        .status,
        literal: #"does not support the following scheme: 'OAuth'"#,
        pattern: #"does not support the following scheme: 'OAuth'"#
      ),
    ],
    seeAlso: [
      .problem("no_outgoing_auth"),
      .problem("legacy_auth_in_use"),
      .problem("trusted_apps_bad_signature"),
      .problem("trusted_apps_certificate_too_old"),
      .article("debug-logging"),
    ],
    examples: [
      #"2013-05-17 09:02:11,287 http-bio-8081-exec-49 WARN mara 542x26597x1 1k9a2i5,0:0:0:0:0:0:0:1 /rest/applinks/1.0/permission/reciprocate-entity-create/a740ca68-a1de-3dd0-89ef-8f363372ee73 [apache.commons.httpclient.HttpMethodDirector] Unable to respond to any of these challenges: {oauth=OAuth realm="https%3A%2F%2Fcrucible.hotname"}"#,
      #"Unable to respond to any of these challenges: {oauth=OAuth realm="https%3A%2F%2Fjira.example.com"}"#,
      #"2024-03-05 14:02:11,287 WARN [http-nio-8090-exec-9] [apache.commons.httpclient.HttpMethodDirector] Unable to respond to any of these challenges: {oauth=OAuth realm="https%3A%2F%2Fjira.example.com"}"#,
    ]
  )
}
