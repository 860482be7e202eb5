import KnowledgeBase

extension Problem {
  static let proxyAuthRequired = Problem(
    id: "proxy_auth_required",
    title: "Outgoing proxy demands authentication",
    summary: """
      The request to the remote application went through a forward proxy, and the proxy \
      answered 407: it wants credentials this application did not send.
      """,
    meaning: """
      When a server may only reach the outside through a forward proxy, every request of the \
      link goes to the proxy first. A proxy that requires users to log in answers \
      `407 Proxy Authentication Required` with a `Proxy-Authenticate` header, and for HTTPS \
      it refuses to open the tunnel (`CONNECT`) at all. The request never reaches the remote \
      application, so the failure says nothing about the link's own authentication. Java \
      reports `Unable to tunnel through proxy. Proxy returns "HTTP/1.1 407 ..."`; Python \
      `Tunnel connection failed: 407 Proxy Authentication Required`; curl \
      `Received HTTP code 407 from proxy after CONNECT`. Since Java 8u111, Basic \
      authentication to a proxy is switched off for HTTPS tunnels unless it is allowed \
      again, so a proxy password that worked before an upgrade can stop working after it.
      """,
    logMessage:
      #"java.io.IOException: Unable to tunnel through proxy. Proxy returns "HTTP/1.1 407 Proxy Authentication Required""#,
    category: .networkAndTLS,
    causes: [
      Cause(
        """
        The application is set to use a proxy (`https.proxyHost`, `http.proxyHost`) but no \
        proxy user and password, or stale ones.
        """,
        actions: [
          """
          Look for `-Dhttps.proxyHost`, `-Dhttp.proxyUser` and the like in the JVM options \
          (`setenv.sh` or the service's settings) of the application that logged the error.
          """,
          """
          Set `-Dhttp.proxyUser` and `-Dhttp.proxyPassword` (and the `https.` pair), or ask \
          the network team for a rule that lets this server through without a login.
          """,
        ]
      ),
      Cause(
        """
        The proxy accepts only Basic authentication, and Java refuses Basic for HTTPS \
        tunnels unless `jdk.http.auth.tunneling.disabledSchemes` allows it.
        """,
        actions: [
          """
          Add `-Djdk.http.auth.tunneling.disabledSchemes=""` (and the same for \
          `jdk.http.auth.proxying.disabledSchemes` if needed) to the JVM options and restart.
          """
        ]
      ),
      Cause(
        """
        The remote application is inside the same network and should not go through the \
        proxy at all.
        """,
        actions: [
          """
          Add the remote host to `-Dhttp.nonProxyHosts` (for example \
          `"localhost|*.example.com"`), restart, and check the link again.
          """
        ]
      ),
    ],
    messages: [
      LogMessage(
        .status, literal: #"StatusCodeError: 407"#,
        pattern: #"StatusCodeError: 407(?![0-9])"#,
        priority: 65),
      LogMessage(
        .status, literal: #"Optional.of(407)"#,
        pattern: #"statusCode=Optional\.of\(407\)"#,
        priority: 65),
      LogMessage(
        .exception, literal: "ProxyAuthenticationRequired",
        pattern: "ProxyAuthenticationRequired", priority: 65),
      LogMessage(
        .status, literal: "407 Proxy Authentication Required",
        pattern: "407 Proxy Authentication Required", priority: 70),
      LogMessage(
        .exception, literal: "Unable to tunnel through proxy",
        pattern: #"Unable to tunnel through proxy\. Proxy returns "HTTP/1\.[01] 407"#, priority: 70),
      LogMessage(
        .status, literal: "HTTP code 407 from proxy",
        pattern: "HTTP code 407 from proxy", priority: 70),
      LogMessage(
        .status, literal: "Proxy Authentication Required",
        pattern:
          "(?:status|Status|code|HTTP/1\\.[01]|HTTP/2)[^A-Za-z]{0,4}407[^0-9]{0,6}Proxy Authentication Required",
        priority: 65),
    ],
    seeAlso: [
      .problem("connection_reset"),
      .problem("connection_timeout"),
      .problem("unexpected_response"),
      .article("log-locations"),
    ],
    examples: [
      #"java.io.IOException: Unable to tunnel through proxy. Proxy returns "HTTP/1.1 407 Proxy Authentication Required""#,
      #"requests.exceptions.ProxyError: HTTPSConnectionPool(host='jira.example.com', port=443): Max retries exceeded with url: /rest/api/2/myself (Caused by ProxyError('Cannot connect to proxy.', OSError('Tunnel connection failed: 407 Proxy Authentication Required')))"#,
      #"curl: (56) Received HTTP code 407 from proxy after CONNECT"#,
    ]
  )
}
