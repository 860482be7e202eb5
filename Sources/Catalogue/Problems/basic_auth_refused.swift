import KnowledgeBase

extension Problem {
  static let basicAuthRefused = Problem(
    id: "basic_auth_refused",
    title: "Basic authentication refused",
    summary: """
      A request that signs in with a user name and a password or token in the \
      `Authorization: Basic` header was turned down, because the credentials are wrong, a \
      CAPTCHA is pending, or basic authentication is blocked.
      """,
    meaning: """
      Scripts, REST clients, older integrations and links still using Basic Access send a \
      user name and secret with every request. The receiving application answers `401` \
      and says why in its response headers: `X-Seraph-LoginReason: AUTHENTICATED_FAILED` \
      when the credentials were checked and rejected, `AUTHENTICATION_DENIED` when it \
      refused to check them at all (together with `X-Authentication-Denied-Reason: \
      CAPTCHA_CHALLENGE` when the account must first solve a CAPTCHA), or a body such as \
      `Basic Authentication has been disabled on this instance.` when basic authentication \
      is blocked. Atlassian cloud sites refuse account passwords outright (`Basic \
      authentication with passwords is deprecated`) and expect an API token. The request \
      then runs as nobody, or not at all, so the script or feature fails even though the \
      network and the link are fine.
      """,
    logMessage: "Basic Authentication Failure - Reason : AUTHENTICATED_FAILED",
    category: .credentialsAndRequests,
    causes: [
      Cause(
        """
        The stored secret is wrong or of the wrong kind: the password was changed or \
        expired, a cloud site is given the account password instead of an API token, or a \
        Data Center personal access token is sent as a Basic password although it belongs in \
        an `Authorization: Bearer` header.
        """,
        actions: [
          """
          Reproduce the call and read the headers: \
          `curl -s -o /dev/null -D - -u 'alice:<secret>' \
          https://jira.example.com/rest/api/2/myself` and look at `X-Seraph-LoginReason`.
          """,
          """
          For an Atlassian cloud site, sign in with the account's email address and an API \
          token created in the Atlassian account's security settings.
          """,
          """
          For a Data Center personal access token, send it as a bearer token: \
          `curl -H "Authorization: Bearer <token>" https://jira.example.com/rest/api/2/myself`.
          """,
          """
          Update the secret wherever the integration stores it, then run the request again.
          """,
        ]
      ),
      Cause(
        """
        Too many failed sign-ins have put the account behind a CAPTCHA, so every \
        non-interactive request is denied without checking the password \
        (`AUTHENTICATION_DENIED`, `CAPTCHA_CHALLENGE`). A forgotten job or service that still \
        uses an old password usually causes it, and keeps causing it.
        """,
        actions: [
          """
          Find the source of the failures: Jira's `atlassian-jira-security.log` records each \
          one, with the user and the request path, as `The user '<name>' has FAILED \
          authentication`.
          """,
          "Correct the credentials of that job or service, or stop it.",
          """
          Clear the CAPTCHA: in Jira, **Administration** > **User management**, open the user \
          and choose **Reset Failed Login Count**; or sign in once in a browser as that user \
          and answer the CAPTCHA.
          """,
          """
          The number of failures allowed is **Maximum Authentication Attempts Allowed** in \
          Jira's general configuration; an empty value turns the CAPTCHA off, which is rarely \
          wise.
          """,
        ]
      ),
      Cause(
        """
        Basic authentication is blocked on the receiving application. Blocking is built in \
        since Jira 8.16, Bitbucket 7.12, Bamboo 8.1, Confluence 7.16 and Crowd 6.2 (Crowd \
        only through REST), and a third-party guide reports that Jira 11.0 ships with basic \
        authentication off by default. Single sign-on apps can block it too.
        """,
        actions: [
          """
          Read the current rules as an administrator: \
          `curl -s -u admin https://jira.example.com/rest/basicauth/1.0/config`; the answer \
          has `block-requests`, `allowed-paths` and `allowed-users`.
          """,
          """
          Prefer moving the integration to OAuth 2.0 or a personal access token. If it must \
          keep using basic authentication for now, allow only its user or paths: \
          `curl -s -u admin -X PUT -H "Content-Type: application/json" \
          -d '{"block-requests":true,"allowed-paths":[],"allowed-users":["svc-reports"]}' \
          https://jira.example.com/rest/basicauth/1.0/config`.
          """,
          """
          For an application link that still uses Basic Access, update the link to OAuth \
          instead; Application Links 5.2 and later no longer support Basic Access.
          """,
        ]
      ),
      Cause(
        """
        The application's own credentials for Crowd are refused: the application name or \
        password in its `crowd.properties` (`application.name`, `application.password`) no \
        longer match the application defined in Crowd, or the server's address is not among \
        the application's allowed remote addresses.
        """,
        actions: [
          """
          In the Crowd administration console, open **Applications**, select the application \
          and compare its name; set a new password there if in doubt.
          """,
          """
          Put the same values into the application's `crowd.properties` (or its Crowd user \
          directory settings) and restart it if it reads the file only at start-up.
          """,
          """
          On the application's **Remote addresses** tab in Crowd, add the IP address or host \
          name this server connects from, including any NAT or proxy address.
          """,
        ]
      ),
      Cause(
        """
        The password is a Bitbucket Cloud app password. Bitbucket Cloud stopped issuing app \
        passwords on 9 September 2025 and switches the remaining ones off from 9 June 2026 \
        (first in announced outage windows, then for good): the REST API then answers 401 and \
        Git over HTTPS 410. API tokens with scopes replace them.
        """,
        actions: [
          """
          Create an API token with the scopes the integration needs (Bitbucket, Personal \
          settings, API tokens) and use it with the account's e-mail address as the user name \
          for the REST API (or `x-bitbucket-api-token-auth` for Git over HTTPS).
          """,
          "Replace the app password in every tool and pipeline that still holds one.",
        ]
      ),
    ],
    messages: [
      LogMessage(
        .code,
        literal: #"AUTHENTICATED_FAILED"#,
        pattern: #"(?:^|[^A-Za-z0-9_])AUTHENTICATED_FAILED(?![A-Za-z0-9_])"#
      ),
      LogMessage(
        .code,
        literal: #"AUTHENTICATION_DENIED"#,
        pattern: #"(?:^|[^A-Za-z0-9_])AUTHENTICATION_DENIED(?![A-Za-z0-9_])"#
      ),
      LogMessage(
        .code,
        literal: #"CAPTCHA_CHALLENGE"#,
        pattern: #"(?:^|[^A-Za-z0-9_])CAPTCHA_CHALLENGE(?![A-Za-z0-9_])"#
      ),
      LogMessage(
        .wording,
        literal: #"Basic Authentication has been disabled"#,
        pattern: #"Basic Authentication has been disabled"#
      ),
      LogMessage(
        .wording,
        literal: #"Basic authentication with passwords is deprecated"#,
        pattern: #"Basic authentication with passwords is deprecated"#
      ),
      LogMessage(
        .wording,
        literal: #"tried to authenticate with an invalid token or a regular password"#,
        pattern: #"tried to authenticate with an invalid token or a regular password"#
      ),
      LogMessage(
        .wording,
        literal: #"Invalid authentication for application with name"#,
        pattern: #"Invalid authentication for application with name"#
      ),
      LogMessage(
        .wording,
        literal: #"does not match the password in Crowd"#,
        pattern: #"does not match the password in Crowd"#
      ),
      LogMessage(
        .wording,
        literal: #"most likely due to incorrect username/password"#,
        pattern: #"most likely due to incorrect username/password"#
      ),
      LogMessage(
        .status,
        literal: #"401 Client Error: "#,
        pattern: #"401 Client Error: (?:Unauthorized)? ?for url: ([^ \t]{1,2048})"#,
        captures: ["request_url"],
        priority: 55
      ),
      LogMessage(
        .status,
        literal: #"JiraError HTTP 401"#,
        pattern: #"JiraError HTTP 401 url: ([^ \t]{1,2048})"#,
        captures: ["request_url"],
        priority: 55
      ),
      LogMessage(
        .status,
        literal: #"Server returned HTTP response code: 401 for URL: "#,
        pattern: #"Server returned HTTP response code: 401 for URL: ([^ \t]{1,2048})"#,
        captures: ["request_url"],
        priority: 55
      ),
      LogMessage(
        .status,
        literal: #"statusCode=Optional.of(401)"#,
        pattern: #"statusCode=Optional\.of\(401\)"#,
        priority: 55
      ),
      LogMessage(
        .status,
        literal: #"Client response status: 401"#,
        pattern: #"Client response status: 401(?![0-9])"#,
        priority: 55
      ),
      LogMessage(
        .status,
        literal: #"Client must be authenticated to access this resource"#,
        pattern: #"Client must be authenticated to access this resource"#,
        priority: 55
      ),
      LogMessage(
        .wording,
        literal: #"stopped supporting account passwords for API authentication"#,
        pattern: #"stopped supporting account passwords for API authentication"#
      ),

      LogMessage(
        .status, literal: #"401 - Unauthori"#,
        pattern:
          #"^(?![^\n]{0,2000}(?:oauth1|com\.atlassian\.sal))[^\n]{0,2000}(?:401 - Unauthori[sz]ed)"#,
        priority: 45),
      LogMessage(
        .status, literal: #"401 Authorized"#,
        pattern:
          #"^(?![^\n]{0,2000}(?:oauth1|com\.atlassian\.sal))[^\n]{0,2000}(?:(?:^|[ .])401 Authorized)"#,
        priority: 45),
      LogMessage(
        .status, literal: #"401 from "#,
        pattern:
          #"^(?![^\n]{0,2000}(?:oauth1|com\.atlassian\.sal))[^\n]{0,2000}(?:401 from )"#,
        priority: 45),
      LogMessage(
        .wording, literal: #"pp password"#,
        pattern:
          #"[Aa]pp passwords? (?:are |is |have been |has been |were |will be )?(?:deprecated|disabled|no longer supported|discontinued|not supported)"#,
        priority: 55),
      LogMessage(
        .status, literal: #"returned error: 410"#,
        pattern: #"bitbucket\.org/(?:[^\nb]|b(?!itbucket\.org/)){0,500}returned error: 410"#,
        priority: 55),
      LogMessage(
        .wording, literal: #"tried to login but they do not have USE permission"#,
        pattern: #"tried to login but they do not have USE permission"#,
        priority: 55),
      LogMessage(
        .wording, literal: #"has FAILED authentication"#,
        pattern: #"[Tt]he user(?:[^\nTt]|[Tt](?!he user)){0,200}has FAILED authentication"#,
        priority: 55),
      LogMessage(
        .wording, literal: #"failed to log in"#,
        pattern:
          #"(?:User|user) (?:[^\nUu]|[Uu](?!ser (?! ?failed to log in))){1,300} failed to log in"#,
        priority: 50),
      LogMessage(
        .wording, literal: #"Failure authenticating with BASIC"#,
        pattern: #"Failure authenticating with BASIC"#,
        priority: 55),
      LogMessage(
        .wording, literal: #"incorrect login credentials"#,
        pattern: #"Login failed due to incorrect login credentials"#,
        priority: 55),
      LogMessage(
        .wording, literal: #"HTTP code received <401>"#,
        pattern: #"HTTP code received <401>"#,
        priority: 50),
      LogMessage(
        .status, literal: #"401 Unauthorized"#,
        pattern:
          #"^(?![^\n]{0,2000}(?:oauth1|com\.atlassian\.sal))[^\n]{0,2000}(?:(?:^|[^0-9])401 Unauthori[sz]ed)"#,
        priority: 45),
      LogMessage(
        .status, literal: #"Unauthorized (401)"#,
        pattern:
          #"^(?![^\n]{0,2000}(?:oauth1|com\.atlassian\.sal))[^\n]{0,2000}(?:Unauthori[sz]ed \(401\))"#,
        priority: 45),
      LogMessage(
        .wording, literal: #"Credentials refused for"#,
        pattern: #"Credentials refused for"#,
        priority: 50),
      LogMessage(
        .wording, literal: #"Authentication failed. Please check your credentials"#,
        pattern: #"Authentication failed\. Please check your credentials"#,
        priority: 55),
      LogMessage(
        .exception, literal: #"IncorrectPasswordAuthenticationException"#,
        pattern: #"IncorrectPasswordAuthenticationException"#,
        priority: 55),
      LogMessage(
        .wording, literal: #"Basic auth with password is not allowed"#,
        pattern: #"Basic auth with password is not allowed"#,
        priority: 55),
      LogMessage(
        .wording, literal: #"Basic auth is deprecated"#,
        pattern: #"Basic auth is deprecated"#,
        priority: 50),
      LogMessage(
        .wording, literal: #"invalid password attempts"#,
        pattern: #"(?:Too many|Maximum allowed) invalid password attempts"#,
        priority: 55),
      LogMessage(
        .wording, literal: #"Invalid creds were provided"#,
        pattern: #"Invalid creds were provided"#,
        priority: 50),
      LogMessage(
        .wording, literal: #"Token is invalid, expired, or not supported for this endpoint"#,
        pattern: #"Token is invalid, expired, or not supported for this endpoint"#,
        priority: 55),
      LogMessage(
        .wording, literal: #"responded with Unauthorized"#,
        pattern: #"responded with Unauthori[sz]ed"#,
        priority: 50),
      LogMessage(
        .exception, literal: #"Unauthorized (JIRA::HTTPError)"#,
        pattern: #"Unauthorized \(JIRA::HTTPError\)"#,
        priority: 55),
      LogMessage(
        .wording, literal: #"'Unauthorized'"#,
        pattern: #"Response; 'Unauthorized'"#,
        priority: 50),
      LogMessage(
        .wording, literal: #"username and password are incorrect"#,
        pattern: #"username and password are incorrect"#, priority: 50),
      LogMessage(
        .wording, literal: #"ncorrect username/password"#,
        pattern: #"[Ii]ncorrect username/password"#, priority: 50),
      LogMessage(
        .wording, literal: #"Invalid credentials for user"#,
        pattern: #"Invalid credentials for user"#, priority: 50),
      LogMessage(
        .wording, literal: #"attempted to login with incorrect credentials"#,
        pattern: #"attempted to login with incorrect credentials"#, priority: 50),
      LogMessage(
        .wording, literal: #"invalid username and password"#,
        pattern: #"entered an invalid username and password"#, priority: 50),
      LogMessage(
        .wording, literal: #"maximum number of failed login attempts"#,
        pattern: #"maximum number of failed login attempts"#, priority: 50),
      LogMessage(
        .wording, literal: #"not suported by the BitBucket Server Rest API"#,
        pattern: #"authentication method is not supp?orted by the Bit[Bb]ucket Server Rest API"#,
        priority: 50),
      LogMessage(
        .wording, literal: #"Try to use token instead of password"#,
        pattern: #"Try to use token instead of password"#, priority: 50),
      LogMessage(
        .wording, literal: #"CAPTCHA question"#,
        pattern: #"required to answer a CAPTCHA question"#,
        priority: 55),
      LogMessage(
        .wording, literal: #"do not have a permission to log in"#,
        pattern: #"do not have a permission to log in"#,
        priority: 50),
      LogMessage(
        .wording, literal: "Authentication failed for '",
        pattern: "fatal: Authentication failed for '", priority: 50),
      LogMessage(
        .wording, literal: "Invalid username or password",
        pattern: "Invalid username or password", priority: 50),
    ]
      + LogMessage.httpStatus(401, unless: ["oauth1", #"com\.atlassian\.sal"#]),
    seeAlso: [
      .problem("legacy_auth_in_use"),
      .problem("xsrf_check_failed"),
      .problem("insufficient_remote_permission"),
      .article("log-locations"),
    ],
    examples: [
      #"HTTP Status 401 - Basic Authentication Failure - Reason : AUTHENTICATED_FAILED"#,
      #"X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE; login-url=https://jira.example.com/login.jsp"#,
      #"Error: {"message":"Basic Authentication has been disabled on this instance."}"#,
      #"2024-03-05 14:02:11,287+0000 http-nio-8080-exec-13 WARN anonymous 741x3529x1 - 10.0.0.9 /rest/api/2/myself [c.a.jira.security.login.JiraSeraphAuthenticator] X-Seraph-LoginReason: AUTHENTICATED_FAILED"#,
      #"remote: Bitbucket Cloud app passwords are deprecated: use an API token instead."#,
      #"fatal: unable to access 'https://bitbucket.org/example/repo.git/': The requested URL returned error: 410"#,
      #"The user 'admin' has FAILED authentication.  Failure count equals 3"#,
      #"2023-06-09 05:11:11,664+0000 http-nio-8080-exec-17 anonymous 311x2831x1 1qvu69a 10.0.0.7 /login.jsp login : 'admin' tried to login but they do not have USE permission or weren't found. Deleting remember me cookie."#,
      #"Error authenticating with Jira: AxiosError: Request failed with status code 401"#,
      #"fatal: Authentication failed for 'https://bitbucket.example.com/scm/proj/repo.git/'"#,
    ]
  )
}
