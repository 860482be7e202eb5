import KnowledgeBase
import LogRules

extension RuleTestVectors {
  /// Lines for the `link` cases of the vectors, written for them: each shape of URL, host and
  /// key that `link_origin` reads, or refuses to read as a URL.
  public static let linkTexts: [(source: String, text: String)] = [
    (
      "written for the vectors: realms that are URLs, and some that are not",
      """
      WWW-Authenticate: OAuth realm="HTTPS://Admin:secret@Jira.Example.COM:443/jira", oauth_problem="token_rejected"
      WWW-Authenticate: OAuth realm="http://confluence.example.com:80", oauth_problem="token_rejected"
      WWW-Authenticate: OAuth realm="https://[2001:DB8::7]:8443/", oauth_problem="token_rejected"
      WWW-Authenticate: OAuth realm="https://bamboo.example.com:08085?x=1#y", oauth_problem="token_rejected"
      WWW-Authenticate: OAuth realm="http://fisheye.example.com:/", oauth_problem="token_rejected"
      WWW-Authenticate: OAuth realm="Jira", oauth_problem="token_rejected"
      WWW-Authenticate: OAuth realm="ftp://files.example.com", oauth_problem="token_rejected"
      WWW-Authenticate: OAuth realm="https://jira.example.com:84x3", oauth_problem="token_rejected"
      WWW-Authenticate: OAuth realm="https://", oauth_problem="token_rejected"
      WWW-Authenticate: OAuth realm="https://[2001:db8::7", oauth_problem="token_rejected"
      WWW-Authenticate: OAuth realm="https://Stra%C3%9Fe.Example.com", oauth_problem="token_rejected"
      """
    ),
    (
      "written for the vectors: a signed URL before the realm, a host and port, a consumer key",
      """
      oauth_problem=signature_invalid&oauth_signature_base_string=GET%26HTTPS%253A%252F%252FJira.example.com%253A443%252Frest%26oauth_consumer_key%253Dconfluence%253A1234 realm="https://other.example.com"
      org.apache.http.conn.HttpHostConnectException: Connect to Confluence.Example.com:8443 [confluence.example.com/203.0.113.5] failed: Connection refused (Connection refused)
      oauth_problem=consumer_key_unknown&oauth_consumer_key=Confluence%3A77
      """
    ),
  ]

  /// Texts of several lines for the `entry` cases of the vectors, written for them: stack
  /// traces, wrapped payloads and continuation lines in the products' layouts, so that every
  /// implementation carries an entry's fields to the lines that continue it alike.
  public static let entryTexts: [(source: String, text: String)] = [
    (
      "written for the vectors: a Jira stack trace whose cause names the problem",
      """
      2024-03-05 14:02:11,287 http-nio-8080-exec-12 ERROR admin 842x27011x1 - 10.0.0.9 /rest/applinks/3.0/status [c.a.applinks.core.rest.ApplinkStatusResource] Request to the remote application failed
      com.atlassian.sal.api.net.ResponseException: 401 Unauthorized
      \tat com.atlassian.applinks.core.auth.oauth.ThreeLeggedOAuthRequest.execute(ThreeLeggedOAuthRequest.java:112)
      Caused by: net.oauth.OAuthProblemException: signature_invalid
      \tat net.oauth.client.OAuthResponseMessage.toOAuthProblemException(OAuthResponseMessage.java:83)
      \t... 87 more
      """
    ),
    (
      "written for the vectors: a Confluence entry with its url line and a header on a line of its own, CRLF line ends",
      "2024-03-05 14:02:11,287 WARN [http-nio-8090-exec-6] [applinks.core.auth.oauth.OAuthApplinksResponseHandler] checkForOAuthProblemAndRemoveConsumerTokenIfNecessary Full OAuth response header:\r\n"
        + " -- url: /rest/applinks/1.0/entities | traceId: 5c8e1f0a | userName: admin\r\n"
        + "WWW-Authenticate: OAuth realm=\"https%3A%2F%2Fjira.example.com\", oauth_problem=\"token_rejected\"\r\n"
    ),
    (
      "written for the vectors: a continuation before any entry, then two Bitbucket entries whose payloads follow them",
      """
      \toauth_problem=nonce_used
      2024-03-05 14:02:11,287 ERROR [http-nio-7990-exec-9] - @1KIQBHMx418x285211x2 - 10.0.0.7 "GET /rest/api/1.0/projects HTTP/1.1" c.a.o.s.i.servlet.OAuthFilter Problem encountered authenticating OAuth client, error was "consumer_key_unknown", with parameters "{oauth_consumer_key=jira:5521904}"
      \toauth_problem=timestamp_refused&oauth_acceptable_timestamps=1709646131-1709647031
      2024-03-05 14:03:12,001 WARN  [http-nio-7990-exec-2] alice @1KIQBHMx418x285302x0 1k9a2i5 10.0.0.8 "GET /rest/api/1.0/repos HTTP/1.1" c.a.applinks.core.ApplinkStatusService Link status
      {"category":"NETWORK_ERROR","type":"OAUTH_TIMESTAMP_REFUSED","details":null}
      """
    ),
    (
      "written for the vectors: a Crowd entry whose time has no finding, a blank line and a wrapped response",
      """
      2024-03-05 14:02:11,287 http-nio-8095-exec-3 WARN [crowd.manager.application.ApplicationServiceGeneric] Remote request refused

      Response body: oauth_problem=token_expired&oauth_problem_advice=Request+a+new+token
      """
    ),
  ]
}
