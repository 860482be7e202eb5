import LogRules

extension RuleTestVectors {
  /// Texts for the `normalisation` cases, written for them: each step of the normalisation on
  /// lines as people paste them, and lines that only look as if a step applied.
  public static let normalisationTexts: [(source: String, text: String)] = [
    (
      "written for the vectors: quote markers of e-mail and chat replies",
      """
      > oauth_problem=signature_invalid
      >> > oauth_problem=token_rejected
        >   2024-03-05 14:02:11,287 http-nio-8080-exec-1 ERROR admin 1x2x3 - 10.0.0.9 /rest [c.a.applinks.core.DefaultApplinkStatusService] javax.net.ssl.SSLHandshakeException: PKIX path building failed
      >java.net.UnknownHostException: jira.example.invalid
      a > b oauth_problem=nonce_used
      """
    ),
    (
      "written for the vectors: list bullets and numbered steps",
      """
      - oauth_problem=timestamp_refused
      * 2024-03-05 14:02:11,287 DEBUG [http-nio-8090-exec-3] [applinks.internal.status.DefaultApplinkStatusService] visit application link 5c2b1d7e error type UNKNOWN_HOST
      • java.net.ConnectException: Connection refused (Connection refused)
      12. oauth_problem=consumer_key_unknown
      3) oauth_problem=permission_denied
      1.2.3.4 - - oauth_problem=token_expired
      -oauth_problem=token_used
      """
    ),
    (
      "written for the vectors: line numbers of editors and paste sites",
      """
      12 | oauth_problem=signature_invalid
        7│ 2024-03-05 14:02:11,287 http-nio-8080-exec-1 WARN admin 1x2x3 - 10.0.0.9 /rest [c.a.oauth.serviceprovider.internal.servlet.OAuthFilter] oauth_problem=timestamp_refused
      1234567 | oauth_problem=token_rejected
      2024-03-05 14:02:11 | oauth_problem=nonce_used
      """
    ),
    (
      "written for the vectors: Markdown code spans and fences",
      """
      ```
      `oauth_problem=signature_invalid`
      The server said `oauth_problem`=`token_rejected` twice
      ```java
      `javax.net.ssl.SSLHandshakeException: PKIX path building failed`
      """
    ),
    (
      "written for the vectors: HTML entities of pages and mail",
      """
      WWW-Authenticate: OAuth realm=&quot;https://jira.example.com&quot;, oauth_problem=&quot;consumer_key_unknown&quot;
      {&quot;type&quot;: &quot;UNKNOWN_HOST&quot;}
      oauth_problem=token_rejected&amp;oauth_problem_advice=Token%20gone
      OAuth &#91;signature_invalid&#93;
      oauth_problem&#x3D;timestamp_refused
      oauth_problem&#1234;token_expired
      oauth_problem&#65;=nonce_used&amp;amp;x
      &lt;error&gt;oauth_problem=permission_denied&lt;/error&gt;&nbsp;done
      """
    ),
    (
      "written for the vectors: JSON string escapes of structured logs",
      #"""
      {"message":"WWW-Authenticate: OAuth realm=\"https:\/\/jira.example.com\", oauth_problem=\"token_rejected\""}
      {"msg":"status {\"type\":\"UNKNOWN_HOST\"}"}
      {"msg":"oauth_problem\u003dsignature_invalid\u0026oauth_problem_advice=x"}
      {"msg":"first line\njava.net.UnknownHostException: jira.example.invalid"}
      {"msg":"tab\tjava.net.ConnectException: Connection refused"}
      {"msg":"oauth_problem\u00e9signature_invalid"}
      {"msg":"oauth_problem\\u003dtoken_used"}
      {"msg":"C:\Users\jira\x oauth_problem\u003Dnonce_used"}
      """#
    ),
    (
      "written for the vectors: several steps on one line, and carriage returns",
      "> - 4 | `oauth_problem=signature_invalid`\r\n> * {\\\"type\\\": \\\"UNKNOWN_HOST\\\"}\r\n",
    ),
  ]

  /// Texts for the `basis` cases, written for them: lines that rules of several bases match.
  /// The strongest basis wins whatever the priorities.
  public static let basisTexts: [(source: String, text: String)] = [
    (
      "written for the vectors: a code beside an exception, a status and words",
      """
      javax.net.ssl.SSLHandshakeException: PKIX path building failed oauth_problem=signature_invalid
      Server returned HTTP response code: 401 for URL: https://jira.example.com/rest oauth_problem=token_rejected
      You do not have an authorized access token for the remote resource: oauth_problem=consumer_key_unknown
      401 Client Error: Unauthorized java.net.UnknownHostException: jira.example.invalid
      """
    )
  ]
}
