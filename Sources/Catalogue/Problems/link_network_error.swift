import KnowledgeBase

extension Problem {
  static let linkNetworkError = Problem(
    id: "link_network_error",
    title: "Links screen reports a network error",
    summary: """
      The application links screen says that this application could not reach the remote \
      one (the NETWORK ERROR status), without the log line that says why.
      """,
    meaning: """
      The status check of a link sends requests to the remote application. When one of \
      them cannot be delivered, or the answer cannot be read, the links screen shows \
      NETWORK ERROR, and its details only say, in a sentence, that connecting to the remote \
      application failed; a create or enable dialog says the remote is not reachable. That \
      sentence covers many different failures: a host name that does not resolve, a \
      refused or timed-out connection, a certificate this end does not trust, an answer \
      that is not what a product sends, and even OAuth errors. The exact type is in the \
      status REST answer (`error.type`) and in this application's log at the time of the \
      check: paste either here to get the precise problem.
      """,
    logMessage: "An error occurs when connecting to the remote application.",
    category: .linkStatus,
    causes: [
      Cause(
        """
        The remote cannot be reached from this server: its host name does not resolve, \
        nothing listens on the port, or a firewall or proxy stands in the way.
        """,
        actions: [
          """
          From this server, run `curl -v https://confluence.example.com/rest/applinks/1.0/manifest`; \
          the first error curl prints names the failure.
          """,
          """
          Read the status of the link through the REST API \
          (`GET /rest/applinks/3.0/status/<link id>`) and look up its `error.type` here.
          """,
        ]
      ),
      Cause(
        """
        TLS fails: the remote certificate is not trusted by this application's Java, \
        expired, or issued for another name.
        """,
        actions: [
          """
          Search this application's log for `SSLHandshakeException` or `PKIX` at the time \
          of the check and follow the problem it names.
          """
        ]
      ),
      Cause(
        """
        The remote answered, but not as an application of its kind would: a proxy's error \
        page, a login page, a redirect.
        """,
        actions: [
          "Compare the link's URL with the remote's base URL, and check what the proxy answers."
        ]
      ),
    ],
    messages: [
      LogMessage(
        .wording, literal: #"could not establish a connection"#,
        pattern: #"able to contact the remote application but could not establish a connection"#,
        priority: 45),
      LogMessage(
        .wording, literal: #"blocked by a firewall"#,
        pattern: #"requests to the remote application are being blocked by a firewall"#,
        priority: 45),
      LogMessage(
        .wording, literal: "An error occurs when connecting to the remote application",
        pattern: "An error occurs when connecting to the remote application", priority: 40),
      LogMessage(
        .wording, literal: "problem with the network connection",
        pattern:
          "problem with the network connection, preventing communication between the applications",
        priority: 40),
      LogMessage(
        .wording, literal: "is not reachable",
        pattern: "because (?:[^\\nb]|b(?!ecause (?! ?is not reachable))){1,200} is not reachable",
        priority: 40),
      LogMessage(
        .wording, literal: "No response was received from the URL you entered",
        pattern: "No response was received from the URL you entered", priority: 40),
    ],
    seeAlso: [
      .problem("unknown_host"),
      .problem("connection_refused"),
      .problem("connection_timeout"),
      .problem("ssl_untrusted"),
      .problem("unexpected_response"),
    ],
    examples: [
      "An error occurs when connecting to the remote application.",
      "There is a problem with the network connection, preventing communication between the applications.",
      "We can't enable the incoming authentication because Confluence is not reachable.",
      "No response was received from the URL you entered - it may not be valid. Please fix the URL below, if needed, and click Continue.",
    ]
  )
}
