import KnowledgeBase

extension Problem {
  static let unexpectedResponse = Problem(
    id: "unexpected_response",
    title: "Remote answered with something other than application links",
    summary: """
      The link reached a server at the remote URL, but the answer was not what an application \
      links endpoint returns: a login page, a proxy error page, or an HTTP error status.
      """,
    meaning: """
      Application links expect specific REST answers from the other end, such as its manifest \
      or its link configuration. This error means a server answered, but with an HTTP status \
      the link did not expect (`UNEXPECTED_RESPONSE_STATUS`) or with content it could not read \
      (`UNEXPECTED_RESPONSE`), often an HTML page. Usually something other than the remote \
      application is answering: a reverse proxy, a single sign-on gateway, a maintenance page \
      or a different web application at that URL.
      """,
    linkStatusType: "UNEXPECTED_RESPONSE",
    otherLinkStatusTypes: ["UNEXPECTED_RESPONSE_STATUS"],
    logMessage: """
      com.atlassian.sal.api.net.ResponseStatusException: Unexpected response received. Status \
      code: 502
      """,
    category: .linkConfiguration,
    causes: [
      Cause(
        """
        A reverse proxy, load balancer or single sign-on gateway in front of the remote \
        application intercepts the link's requests and answers with a login page, a redirect \
        or an error page.
        """,
        actions: [
          """
          From this server, fetch the remote manifest: \
          `curl -i https://confluence.example.com/rest/applinks/1.0/manifest`. A working remote \
          answers `200` with an XML manifest.
          """,
          """
          If you get HTML, a redirect to a login page or a `502`/`503`, fix the proxy or \
          gateway so that `/rest/` and `/plugins/servlet/` requests reach the application \
          unchanged and are not forced through interactive sign-in.
          """,
          "Check the link's status again.",
        ]
      ),
      Cause(
        """
        The link's application URL points at the wrong place: a missing or extra context \
        path (such as `/confluence`), the wrong scheme, or another application on the same \
        host.
        """,
        actions: [
          "Compare the application URL of the link with the remote application's base URL.",
          "Edit the link so both match exactly, including the context path.",
        ]
      ),
      Cause(
        """
        The remote application itself failed (HTTP `500`) or is not ready yet (starting up, \
        upgrading, in maintenance).
        """,
        actions: [
          "Look for errors in the remote application's log at the same time.",
          "Wait until the remote application is fully started, then check the link again.",
        ]
      ),
      Cause(
        """
        An outgoing proxy on this server's network answers for the remote host with its own \
        page.
        """,
        actions: [
          """
          Exclude the remote host from the outgoing proxy with `-Dhttp.nonProxyHosts`, or \
          configure the proxy to let these requests through.
          """,
          """
          Set `com.atlassian.applinks` to DEBUG: the status check then logs the response \
          status, content type and body it received, which shows who answered.
          """,
        ]
      ),
    ],
    messages: [
      LogMessage(
        .status,
        literal: "Unexpected response received. Status code: ",
        pattern: #"""
          Unexpected response received\. Status code: (?:3[0-9][0-9]|404|5[0-9][0-9])
          """#
      ),
      LogMessage(
        .exception,
        literal: "Unexpected character ('<' (code 60))",
        pattern: #"Unexpected character \('<' \(code 60\)\)"#
      ),
      LogMessage(
        .exception,
        literal: "ResponseContentException",
        pattern: "ResponseContentException(?![A-Za-z0-9_.])"
      ),
      LogMessage(
        .exception,
        literal: #"Unexpected token < in JSON"#,
        pattern: #"Unexpected token < in JSON"#
      ),
      LogMessage(
        .exception,
        literal: #"invalid character '<' looking for beginning of value"#,
        pattern: #"invalid character '<' looking for beginning of value"#
      ),

      LogMessage(
        .wording, literal: #"not recognized as JSON"#,
        pattern: #"[Rr]esponse was not recognized as JSON"#, priority: 45),
      LogMessage(
        .wording, literal: #"Could not read JSON response"#,
        pattern: #"Could not read JSON response"#, priority: 45),
      LogMessage(
        .exception, literal: #"unexpected token at '<"#,
        pattern: #"unexpected token at '<"#,
        priority: 50),
      LogMessage(
        .status, literal: #"Server Error"#, pattern: #"5[0-9]{2} Server Error"#, priority: 45),
      LogMessage(
        .status, literal: #"Proxy Error"#, pattern: #"5[0-9]{2} Proxy Error"#, priority: 45),
      LogMessage(
        .status, literal: #"Bad Gateway"#, pattern: #"502 (?:- )?Bad Gateway"#, priority: 45),
      LogMessage(
        .status, literal: #"Service Unavailable"#, pattern: #"503 (?:- )?Service Unavailable"#,
        priority: 45),
      LogMessage(
        .status, literal: #"Gateway Time"#, pattern: #"504 (?:- )?Gateway Time-?out"#,
        priority: 45),
      LogMessage(
        .status, literal: #"410 Gone"#,
        pattern: #"(?:^|[^0-9])410 Gone"#,
        priority: 45),
      LogMessage(
        .status, literal: #"http response="#,
        pattern: #"http response=[0-9]{3}"#,
        priority: 40),
      LogMessage(
        .wording, literal: #"didn't return a valid result"#,
        pattern: #"didn't return a valid result"#,
        priority: 45),
      LogMessage(
        .wording, literal: #"Oops, you have found a dead link"#,
        pattern: #"Oops, you have found a dead link"#,
        priority: 45),
      LogMessage(
        .exception, literal: #"KeyError: 'oauth_token'"#,
        pattern: #"KeyError: 'oauth_token'"#,
        priority: 50),
      LogMessage(
        .status, literal: #"status code 400"#, pattern: #"status code 400(?![0-9])"#,
        priority: 40),
      LogMessage(
        .status, literal: #"returned status 400"#, pattern: #"returned status 400(?![0-9])"#,
        priority: 40),
      LogMessage(
        .wording, literal: #"gadget.common.error.500"#,
        pattern: #"gadget\.common\.error\.500"#,
        priority: 45),
      LogMessage(
        .wording, literal: #"(<!DOCTYPE HTML"#,
        pattern:
          #"(?:notify|from) (?:[^\nnf]|n(?!otify (?!\(<!DOCTYPE HTML))|f(?!rom (?!\(<!DOCTYPE HTML))){1,200}\(<!DOCTYPE HTML"#,
        priority: 45),
      LogMessage(
        .wording, literal: #"(<HEAD><TITLE>"#,
        pattern:
          #"(?:notify|from) (?:[^\nnf]|n(?!otify (?!\(<HEAD><TITLE>))|f(?!rom (?!\(<HEAD><TITLE>))){1,200}\(<HEAD><TITLE>"#,
        priority: 45),
    ],
    seeAlso: [
      .problem("connection_refused"),
      .problem("connection_timeout"),
      .problem("no_remote_applink"),
      .article("debug-logging"),
      .article("log-locations"),
    ],
    examples: [
      """
      2024-03-05 14:02:11,287 http-nio-8080-exec-3 DEBUG admin 842x26597x1 1k9a2i5 10.0.0.7 \
      /rest/applinks/3.0/status/144880e9-a353-312f-9412-ed028e8166fa \
      [c.a.applinks.core.DefaultApplinkStatusService] \
      '144880e9-a353-312f-9412-ed028e8166fa' error type: UNEXPECTED_RESPONSE_STATUS
      """,
      """
      Caused by: com.atlassian.sal.api.net.ResponseStatusException: Unexpected response \
      received. Status code: 502
      """,
      """
      Caused by: org.codehaus.jackson.JsonParseException: Unexpected character ('<' (code 60)): \
      expected a valid value (number, String, array, object, 'true', 'false' or 'null')
      """,
      """
      {"link":{"id":"144880e9-a353-312f-9412-ed028e8166fa","name":"Confluence"},\
      "working":false,"error":{"category":"NETWORK_ERROR","type":"UNEXPECTED_RESPONSE"}}
      """,
      "UNEXPECTED_RESPONSE_STATUS",
    ]
  )
}
