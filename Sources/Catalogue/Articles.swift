import KnowledgeBase

extension Article {
  /// Background reading that problem pages refer to.
  static let all: [Article] = [
    Article(
      id: "what-is-oauth",
      title: "What is OAuth?",
      summary: """
        OAuth lets linked applications act for a user with tokens, so passwords never travel \
        between them.
        """,
      body: """
        OAuth is an open standard for authorisation between applications. Rather than passing \
        a user's credentials from one application to the other, where they could be \
        intercepted, the applications exchange tokens that are issued on the user's behalf \
        and accepted by the remote application in place of a password.

        Application links use OAuth 1.0a and sign every request with RSA-SHA1. For a given \
        request, the application that sends it is the *consumer* and the application that \
        receives it is the *service provider*. When the service provider turns a request down, \
        it names the reason in an `oauth_problem` value such as `signature_invalid` or \
        `timestamp_refused`, and that value is usually the quickest way into the logs.

        Atlassian no longer recommends the Trusted Applications or Basic Access authentication \
        types for application links. OAuth is the recommended choice because the protocol \
        itself is more secure: no password is shared, and each request is signed.

        A link can authorise requests in several ways, known as flavours: 3-legged OAuth, \
        2-legged OAuth, 2-legged OAuth with "Execute As" and 2-legged OAuth with \
        impersonation. Both ends of a link must use the same one.
        """
    ),
    Article(
      id: "debug-logging",
      title: "Turning on debug logging for application links",
      summary: """
        Which loggers to raise to DEBUG when a link fails, what each one shows, and why to \
        lower them again afterwards.
        """,
      body: """
        The default log level records that a link failed, but often not why. At `DEBUG`, the \
        products add the full stack traces and the HTTP responses that came back, which is \
        usually enough to tell one failure from another.

        Raise these loggers to `DEBUG` on the application that logs the failure, and \
        preferably on the other end of the link too:

        - `com.atlassian.oauth`: requests this application receives as the OAuth service \
        provider, and why it rejected them.
        - `com.atlassian.applinks`: requests this application sends over its links. At \
        `DEBUG` it writes the complete `Authorization` header it sent and the \
        `WWW-Authenticate` header it got back, including the `oauth_problem` value.
        - `net.oauth`: the OAuth library that signs and checks requests.
        - `com.atlassian.sal.core.net`: the HTTP client underneath application links, for \
        connection and response details.

        Every product has a logging screen in its administration area where these levels are \
        set; the page of each product describes its own. Then reproduce the failure, for \
        example by reloading the application links screen or repeating the action that \
        failed, and read the log straight away.

        Set the loggers back to their previous levels as soon as you have what you need. \
        Debug output grows the logs quickly, and it contains request headers and tokens, so \
        review it before sharing the files with anyone.
        """
    ),
    Article(
      id: "log-locations",
      title: "Where to find the logs",
      summary: """
        Each product writes an application log and a web server log; check both, at both ends \
        of the link.
        """,
      body: """
        Most products write two kinds of log. The application log, usually in the product's \
        home directory, is where the OAuth and application link messages appear. The web \
        server log of Tomcat (`catalina.out`), usually under the installation directory, \
        collects what the server itself prints, such as startup errors and output that never \
        reaches the application log.

        A link has two ends, and each end logs only its own side of a failure: the \
        application that sent a request records that the peer turned it down, while the \
        application that received it records the reason. Look at the logs of both \
        applications, around the same moment.

        The folders and file names for each product are listed in the table on this page.
        """
    ),
  ]
}
