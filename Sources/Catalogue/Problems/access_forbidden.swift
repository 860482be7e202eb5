import KnowledgeBase

extension Problem {
  static let accessForbidden = Problem(
    id: "access_forbidden",
    title: "Request forbidden by the remote application (HTTP 403)",
    summary: """
      The remote application knew who was asking and still refused: it answered \
      403 Forbidden to a request of the link or of an integration.
      """,
    meaning: """
      A 403 differs from a 401. With a 401 the remote does not accept the credentials; with \
      a 403 it accepted them, or did not need them, and decided that this caller may not do \
      this. In Jira, Confluence and Bitbucket that is usually a permission the account \
      lacks (browse the project, use the application, administer the link), a token whose \
      scopes do not cover the call, an IP allowlist in front of a cloud site, or a rule of a \
      proxy or web application firewall. Some clients only print the number (`status code \
      403`, `403 Forbidden`); the body, when it is shown, names the reason (`You are not \
      permitted to access this resource`, `Current user not permitted to use Confluence`). \
      It is not the OAuth `permission_denied` value, which means a user refused to approve \
      access, nor an XSRF check (`XSRF check failed`), which has its own entry.
      """,
    logMessage: "403 Forbidden",
    category: .credentialsAndRequests,
    causes: [
      Cause(
        """
        The account the request runs as lacks a permission: it is not in a group with \
        access to the application (a licence seat), or lacks the project, space or \
        repository permission the call needs.
        """,
        actions: [
          """
          Sign in to the remote as that account (or ask an administrator to check it) and \
          try the same page or call; grant the missing permission or use an account that has it.
          """,
          """
          For an application link with impersonation, the user on this end must also exist \
          and have the permission on the remote end.
          """,
        ]
      ),
      Cause(
        """
        A token's scopes do not cover the call (an OAuth 2.0 app's scopes, a personal \
        access token with read-only permission, a Bitbucket access token of a single \
        repository).
        """,
        actions: [
          "Create a token with the scopes the call needs and replace the old one."
        ]
      ),
      Cause(
        """
        Something in front of the remote refuses the caller: an IP allowlist of the cloud \
        organisation, a firewall or a proxy rule.
        """,
        actions: [
          """
          Compare the address the requests come from with the allowlist, and add it; check \
          the proxy's or firewall's log for the refused request.
          """
        ]
      ),
    ],
    messages: [
      LogMessage(
        .wording, literal: #"not on the allowed list"#,
        pattern: #"IP address has been rejected because it is not on the allowed list"#,
        priority: 55),
      LogMessage(
        .wording, literal: #"IP address is blocked"#,
        pattern: #"IP address is blocked"#,
        priority: 50),
      LogMessage(
        .code, literal: #"FAILURE_CLIENT_SCOPE_CHECK"#,
        pattern: #"FAILURE_CLIENT_SCOPE_CHECK"#,
        priority: 55),
      LogMessage(
        .exception, literal: #"PermissionException: Not permitted"#,
        pattern: #"PermissionException: Not permitted"#,
        priority: 55),
      LogMessage(
        .wording, literal: #"Permission denied on Confluence"#,
        pattern: #"Permission denied on (?:Confluence|Jira|Bitbucket)"#,
        priority: 50),
      LogMessage(
        .status, literal: #"Response: Forbidden"#, pattern: #"Response: Forbidden"#,
        priority: 45),
      LogMessage(
        .wording, literal: #"Failed to parse Connect Session Auth Token"#,
        pattern: #"Failed to parse Connect Session Auth Token"#,
        priority: 50),
      LogMessage(.status, literal: "403 Forbidden", pattern: "403 Forbidden", priority: 45),
      LogMessage(.status, literal: "Forbidden (403)", pattern: "Forbidden \\(403\\)", priority: 45),
      LogMessage(.status, literal: "(HTTP 403)", pattern: "forbidden \\(HTTP 403\\)", priority: 45),
      LogMessage(
        .wording, literal: "not permitted to access this resource",
        pattern: "You are not permitted to access this resource", priority: 50),
      LogMessage(
        .wording, literal: "not permitted to use",
        pattern: "[Uu]ser (?:is )?not permitted to use (?:Confluence|Jira|Bitbucket|Bamboo)",
        priority: 50),
      LogMessage(
        .exception, literal: "AuthorisationException",
        pattern: "com\\.atlassian\\.bitbucket\\.AuthorisationException", priority: 50),
    ]
      + LogMessage.httpStatus(403, unless: []),
    seeAlso: [
      .problem("basic_auth_refused"),
      .problem("xsrf_check_failed"),
      .problem("permission_denied"),
      .problem("insufficient_remote_permission"),
    ],
    examples: [
      #"HTTPStatusError: Client error '403 ' for url 'https://jira.example.com/rest/api/3/search/jql'"#,
      #"com.sun.jersey.api.client.UniformInterfaceException: GET https://jira.example.com/rest/api/2/project returned a response status of 403 Forbidden"#,
      #"{"errors":[{"context":null,"message":"You are not permitted to access this resource","exceptionName":"com.atlassian.bitbucket.AuthorisationException"}]}"#,
      #"{"message":"Current user not permitted to use Confluence","statusCode":403}"#,
      #"Error: Request failed with status code 403"#,
    ]
  )
}
