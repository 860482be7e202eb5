import KnowledgeBase

extension Problem {
  static let oauthProblemReported = Problem(
    id: "oauth_problem_reported",
    title: "Link status reports an OAuth problem",
    summary: """
      The link status check was turned down by the remote application's OAuth layer, and \
      the screen only says "OAuth problem"; the exact reason is an `oauth_problem` value to \
      look up.
      """,
    meaning: """
      To check a link, this application sends OAuth-signed requests to the remote one. \
      When the remote rejects one of them, it names the reason in an `oauth_problem` value. \
      The status check has dedicated types for two of those values, \
      `OAUTH_TIMESTAMP_REFUSED` (`timestamp_refused`) and `OAUTH_SIGNATURE_INVALID` \
      (`signature_invalid`); every other value is reported under the general \
      `OAUTH_PROBLEM` type. The link is not working, but `OAUTH_PROBLEM` alone does not say \
      why: the value itself does, and each value has its own entry in this knowledge base. \
      The status REST API returns the value in `error.details`, and the logs of both ends \
      record it.
      """,
    linkStatusType: "OAUTH_PROBLEM",
    logMessage: "'<link id>' error type: OAUTH_PROBLEM",
    category: .oauthRequestRejected,
    causes: [
      Cause(
        """
        The remote rejected the request for a specific reason that the status screen does \
        not display, most often `consumer_key_unknown` (the remote has no matching link \
        back), `token_rejected` or `token_expired` (a user's stored token), or \
        `nonce_used`.
        """,
        actions: [
          """
          Ask the status API, as an administrator of this application: first \
          `curl -s -u admin https://jira.example.com/rest/applinks/3.0/applinks` for the \
          link's `id`, then `curl -s -u admin \
          https://jira.example.com/rest/applinks/3.0/status/<link id>`; the value is in \
          `error.details`.
          """,
          """
          Look the value up in this knowledge base and follow the actions of that entry.
          """,
        ]
      ),
      Cause(
        """
        The value is not in the answer or the default logs, because neither end logs full \
        OAuth details at the default level.
        """,
        actions: [
          """
          Set `com.atlassian.applinks` and `com.atlassian.oauth` to DEBUG on both \
          applications, then reload the links screen to repeat the check.
          """,
          """
          On this end (the consumer), search the log for `Full OAuth response header:`; the \
          `WWW-Authenticate` header that follows carries `oauth_problem="..."`.
          """,
          """
          On the remote end (the service provider), search for \
          `Problem encountered authenticating OAuth client`; the text after `error was` is \
          the value. Set the loggers back afterwards.
          """,
        ]
      ),
      Cause(
        """
        A proxy or gateway in front of the remote removes or rewrites the `Authorization` \
        header, so the remote sees an incomplete OAuth request and answers with a value \
        such as `parameter_absent`.
        """,
        actions: [
          """
          Compare the `Authorization` header this end sends (logged at DEBUG as \
          `Our OAuth request header:`) with what reaches the remote, for example in the \
          proxy's or the remote's access log.
          """,
          """
          Configure the proxy to pass the `Authorization` header through unchanged for \
          requests from the linked application.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .wording, literal: #"is reporting "OAuth problem""#,
        pattern: #"application links? (?:is|are) reporting "OAuth problem""#,
        priority: 40),
      LogMessage(
        // Any other value: some OAuth problem was reported; the value itself (a field) says which.
        .wording, literal: "oauth_problem",
        pattern: #"oauth_problem(?:=|%3D|["'] ?: ?)["']?[^&\t "',;})\]>]"#, priority: 1),
    ],
    seeAlso: [
      .problem("consumer_key_unknown"),
      .problem("token_rejected"),
      .problem("signature_invalid"),
      .problem("timestamp_refused"),
      .article("debug-logging"),
      .article("log-locations"),
    ],
    examples: [
      #"{"working": false, "error": {"category": "NETWORK_ERROR", "type": "OAUTH_PROBLEM"}}"#,
      #"OAUTH_PROBLEM"#,
      #"2024-03-05 14:02:11,287 DEBUG [http-nio-8090-exec-3] [applinks.internal.status.DefaultApplinkStatusService] visit application link 5c2b1d7e-93a4-3f0e-b1c2-7d8e9fa0b1c2 error type OAUTH_PROBLEM"#,
      #"Failure reason: One of your application links is reporting "OAuth problem"."#,
      #"oauth_problem=oauth_parameters_not_understood"#,
    ]
  )
}
