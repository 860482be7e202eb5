import KnowledgeBase

extension Problem {
  static let timestampRefused = Problem(
    id: "timestamp_refused",
    title: "System clocks not synchronised",
    summary: """
      The remote application refused the request because its timestamp was too far from the \
      remote server's own clock.
      """,
    meaning: """
      Each OAuth request carries the time at which the sender signed it, and the receiver only \
      accepts times within a short window around its own clock. `timestamp_refused` means the \
      clocks of the two servers disagree by more than that window, so the applications cannot \
      authenticate with each other. When the response includes `oauth_acceptable_timestamps`, \
      the middle of that range (in Unix seconds) is the remote server's clock at that moment.
      """,
    oauthProblem: "timestamp_refused",
    linkStatusType: "OAUTH_TIMESTAMP_REFUSED",
    logMessage: "oauth_problem=timestamp_refused",
    category: .oauthRequestRejected,
    causes: [
      Cause(
        """
        The system clocks of the two servers are out of step, because of:

        - a time zone set incorrectly on at least one of the applications, or
        - a large difference between the times of the two servers.
        """,
        actions: [
          "Bring the system times of both servers into line.",
          "Set up `ntpd` so that the clocks stay synchronised.",
          "Set up a network time server so that the clocks stay synchronised.",
          "Check that each operating system provides its time zone definitions.",
        ]
      )
    ],
    messages: [
      LogMessage(
        .wording,
        literal: "due to invalid timestamp",
        pattern: #"Rejecting OAuth request for url "([^"]*)" due to invalid timestamp"#,
        captures: ["request_url"]
      ),
      LogMessage(
        .wording,
        literal: "Peer rejected the timestamp on our OAuth request",
        pattern: "Peer rejected the timestamp on our OAuth request"
      ),
      LogMessage(
        .code,
        literal: #"oauth_acceptable_timestamps="#,
        pattern: #"oauth_acceptable_timestamps=[0-9]"#,
        priority: 60
      ),

      LogMessage(
        .wording, literal: #"timestamps from the local and remote machines do not match"#,
        pattern: #"timestamps from the local and remote machines do not match"#,
        priority: 45),
      .oauthProblemInWords(
        "timestamp refused", "timestamp invalid", "invalid timestamp", "timestamp expired",
        "timestamp too old"),
    ],
    seeAlso: [
      .article("log-locations"),
      .article("debug-logging"),
    ],
    examples: [
      "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1709646131-1709647031",
      """
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fjira.example.com", \
      oauth_problem="timestamp_refused", oauth_acceptable_timestamps="1709646131-1709647031"
      """,
      """
      2024-03-05 14:02:11,287 http-nio-8080-exec-49 WARN anonymous 842x26597x1 - 10.0.0.7 \
      /rest/api/2/search [c.a.oauth.serviceprovider.internal.servlet.OAuthFilter] Rejecting \
      OAuth request for url "https://jira.example.com/rest/api/2/search" due to invalid \
      timestamp ({oauth_problem=timestamp_refused, \
      oauth_acceptable_timestamps=1709646131-1709647031}). This is most likely due to our \
      system clock not being synchronized with the consumer's clock.
      """,
      """
      2024-03-05 14:02:11,287 WARN [http-nio-8090-exec-6] \
      [applinks.core.auth.oauth.OAuthApplinksResponseHandler] \
      checkForOAuthProblemAndRemoveConsumerTokenIfNecessary Peer rejected the timestamp on our \
      OAuth request. This might be due to a replay attack, but it's more likely our system \
      clock is not synchronized with the server's clock. You may turn on debug logging to log \
      the full contents of the OAuth response headers.
      """,
      """
      2024-03-05 14:02:11,287 WARN [http-nio-7990-exec-4] - @1KIQBHMx418x285302x0 - 10.0.0.8 \
      "GET /rest/api/1.0/repos HTTP/1.1" c.a.o.s.i.servlet.OAuthFilter Rejecting OAuth \
      request for url "https://bitbucket.example.com/rest/api/1.0/repos" due to invalid \
      timestamp ({oauth_acceptable_timestamps=1709646131-1709647031}). This is most likely due \
      to our system clock not being synchronized with the consumer's clock.
      """,
      "net.oauth.OAuthProblemException: timestamp_refused",
      """
      {"category":"NETWORK_ERROR","type":"OAUTH_TIMESTAMP_REFUSED","details":null}
      """,
    ]
  )
}
