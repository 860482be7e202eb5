import KnowledgeBase

extension Problem {
  static let xsrfCheckFailed = Problem(
    id: "xsrf_check_failed",
    title: "REST request refused by the XSRF check",
    summary: """
      An Atlassian REST resource refused a request that changes data because it could not \
      rule out a cross-site request forgery: the request lacked `X-Atlassian-Token: \
      no-check`, or its origin did not match the application.
      """,
    meaning: """
      Atlassian applications protect their REST resources against cross-site request \
      forgery (XSRF): a web page on another site must not be able to make a signed-in \
      user's browser change data. A request that modifies something and could have been \
      sent by a plain HTML form (form-encoded, multipart or `text/plain`, or one whose \
      `Origin` or `Referer` does not match the application) is refused unless it carries \
      the header `X-Atlassian-Token: no-check`. The answer is `XSRF check failed`, usually \
      with HTTP `403`, in some versions `404`. Credentials are not the problem: the same \
      user succeeds once the request is shaped differently.
      """,
    logMessage: "XSRF check failed",
    category: .credentialsAndRequests,
    causes: [
      Cause(
        """
        A script or external tool sends a `POST`, `PUT` or `DELETE` (an attachment upload \
        with `multipart/form-data` is the classic case) without the \
        `X-Atlassian-Token: no-check` header.
        """,
        actions: [
          """
          Add the header to each such request, for example \
          `curl -u alice -X POST -H "X-Atlassian-Token: no-check" -F "file=@report.pdf" \
          https://jira.example.com/rest/api/2/issue/ABC-1/attachments`.
          """,
          """
          For JSON requests, also send `Content-Type: application/json`; a JSON body sent \
          with a form content type is treated like a form submission.
          """,
          """
          The header is meant for tools and servers. A page on another site cannot make a \
          browser add it without the application's cross-origin permission, which is why \
          the check protects users while letting scripts through.
          """,
        ]
      ),
      Cause(
        """
        Browser requests fail because a reverse proxy or load balancer changes the scheme, \
        host or port, so the application sees an `Origin` or `Referer` that does not match \
        its base URL (for example the browser is on `https://jira.example.com` and Tomcat \
        believes it serves `http://jira-internal:8080`).
        """,
        actions: [
          """
          Check in the browser's developer tools which `Origin` the failing request sends, \
          and compare it with the base URL in the application's general configuration.
          """,
          """
          Set the base URL to the public address, and configure the Tomcat connector in \
          `server.xml` with `scheme`, `proxyName` and `proxyPort` matching that address; then \
          restart.
          """,
          """
          Make the proxy pass the `Host`, `Origin` and `Referer` headers through unchanged, \
          and serve the application on one address only.
          """,
        ]
      ),
      Cause(
        """
        The request comes from another web application in the browser (a portal, a \
        dashboard on another host), so its origin is foreign by design.
        """,
        actions: [
          """
          If that site is trusted, add its origin to the application's allowlist with \
          incoming (cross-origin) requests allowed, or let that site's server make the call \
          instead of the browser.
          """
        ]
      ),
    ],
    messages: [
      LogMessage(
        .code,
        literal: #"XSRF check failed"#,
        pattern: #"XSRF check failed"#
      )
    ],
    seeAlso: [
      .problem("basic_auth_refused"),
      .problem("unexpected_response"),
      .problem("signature_invalid"),
      .article("log-locations"),
    ],
    examples: [
      #"XSRF check failed. More information at https://confluence.atlassian.com/x/DhpJMQ"#,
      #"{"statusCode":404,"body":"XSRF check failed"}"#,
      #"2024-03-05 14:02:11,287+0000 http-nio-8080-exec-8 WARN ci-bot 842x44x1 - 10.0.0.31 /rest/api/2/issue/ABC-1/attachments [c.a.p.r.c.security.xsrf.XsrfResourceFilter] XSRF check failed for POST to /rest/api/2/issue/ABC-1/attachments"#,
    ]
  )
}
