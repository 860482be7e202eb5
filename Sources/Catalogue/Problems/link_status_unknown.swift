import KnowledgeBase

extension Problem {
  static let linkStatusUnknown = Problem(
    id: "link_status_unknown",
    title: "Link status check failed for an unknown reason",
    summary: """
      The status check of a link failed with an error it could not classify, so the screen \
      cannot say what is wrong; the logs of both ends at that moment can.
      """,
    meaning: """
      The status check sorts the errors it meets into known types: refused connections, \
      unknown hosts, untrusted certificates, OAuth problems, unexpected responses and so \
      on. `UNKNOWN` is what remains when none of them fits. Two situations lead there: a \
      network error outside the known list, such as a timeout, a reset connection or no \
      route to the host (the status's `error.details` then names the underlying `java.net` \
      exception), or an unexpected error inside this application while checking, which it \
      logs as an unrecognised error. `UNKNOWN` says nothing about whether the link's \
      features work, only that the check did not finish.
      """,
    linkStatusType: "UNKNOWN",
    logMessage: """
      Unrecognized error while attempting to retrieve status of Application Link '<link id>'
      """,
    category: .linkStatus,
    causes: [
      Cause(
        """
        A network failure the check has no type for: the connection timed out \
        (`SocketTimeoutException`, `Connection timed out`), was reset, or found no route to \
        the remote host.
        """,
        actions: [
          """
          Read the details from the status API: \
          `curl -s -u admin https://jira.example.com/rest/applinks/3.0/status/<link id>`; \
          `error.details` names the `java.net` exception, if there was one.
          """,
          """
          Test from this server: `nc -vz -w 10 confluence.example.com 443` for the \
          connection, then `curl -o /dev/null -w '%{time_total}\\n' \
          https://confluence.example.com/rest/applinks/1.0/manifest` for the response time.
          """,
          """
          Fix what the tests show (firewall, proxy, routing, an overloaded remote), using \
          the entry for that failure.
          """,
        ]
      ),
      Cause(
        """
        An unexpected error inside this application or the remote while checking: a bug, an \
        app that interferes, a database or cache problem. This end logs \
        `Unrecognized error while attempting to retrieve status of Application Link` at \
        WARN and the stack trace only at DEBUG.
        """,
        actions: [
          """
          Set `com.atlassian.applinks` to DEBUG, reload the links screen, and read the \
          `Unrecognized error trace for '<link id>'` entry and its stack trace.
          """,
          """
          Look in the remote application's log at the same moment for errors on \
          `/rest/applinks/` requests; the failure may be on its side.
          """,
          """
          Search for the exception at the bottom of the trace; if it points at an app, try \
          again with that app disabled. Set the logger back to its usual level afterwards.
          """,
        ]
      ),
      Cause(
        """
        The result depends on which node answers: in a cluster, one node can reach the \
        remote (or trusts its certificate, or has the right proxy settings) and another \
        cannot, so the status changes between reloads.
        """,
        actions: [
          """
          Run the network tests above from every node, and compare their JVM arguments, \
          truststores and proxy settings.
          """,
          "Make all nodes identical, then check the status again from each of them.",
        ]
      ),
    ],
    messages: [],
    seeAlso: [
      .problem("connection_timeout"),
      .problem("connection_refused"),
      .problem("unexpected_response"),
      .problem("link_status_unavailable"),
      .article("debug-logging"),
      .article("log-locations"),
    ],
    examples: [
      #"{"working": false, "error": {"category": "UNKNOWN", "type": "UNKNOWN"}}"#,
      #"{"link":{"id":"5c2b1d7e-93a4-3f0e-b1c2-7d8e9fa0b1c2"},"working":false,"error":{"category":"UNKNOWN","type":"UNKNOWN","details":"java.lang.NullPointerException"}}"#,
      #"2024-03-05 14:02:11,287 DEBUG [http-nio-8090-exec-3] [applinks.internal.status.DefaultApplinkStatusService] Status of link 5c2b1d7e-93a4-3f0e-b1c2-7d8e9fa0b1c2: {"type": "UNKNOWN"}"#,
    ]
  )
}
