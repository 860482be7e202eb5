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
    Article(
      id: "probe-a-link",
      title: "Probe a link",
      summary: """
        Check an application link from outside with `lookup probe`, before anyone reads a \
        log: name resolution, TLS, the manifest, the base URL, versions, clocks and the link \
        back, each failure named as a problem of this site.
        """,
      body: """
        `lookup probe URL` checks one end of an application link from the machine it runs \
        on; `lookup probe URL URL` checks both ends and the link between them. It only sends \
        `GET` requests, to the endpoints every Atlassian server answers without signing in, \
        and each check that fails names the problem of this site it points to, with the same \
        causes and actions that `lookup` prints for a log line.

        ```text
        lookup probe https://jira.example.com
        lookup probe https://jira.example.com https://confluence.example.com
        lookup probe --truststore cacerts https://confluence.example.com
        LOOKUP_PROBE_PASSWORD=... lookup probe --user admin https://jira.example.com
        lookup probe --json https://jira.example.com
        ```

        It exits with 0 when nothing is wrong, 1 when a problem was found, and 2 when it \
        could not run (a URL that is not `http` or `https`, a bad option, a truststore it \
        cannot read). Every connection and request ends after `--timeout` seconds (10 by \
        default, as the products allow), redirects are never followed, bodies are cut at \
        1 MiB, and no XML document type is read.

        The link's own status check, on the links screen, folds most of these answers into \
        NETWORK ERROR: an expired certificate, a missing intermediate and a protocol \
        mismatch all read as `SSL_UNTRUSTED`, a timeout as `UNKNOWN`, and a proxy that \
        rewrites the host or a clock that is off as a failed request. The probe tells them \
        apart and shows the evidence: the chain as served, the redirect's target, the title \
        of the page that came back instead of the manifest, the base URL the application \
        believes it has, and the clock difference with its uncertainty.

        ## What it cannot see

        - **The server's own network.** The probe runs where you run it. A server may resolve \
        the name differently, go through a proxy, or be blocked by a firewall that your \
        machine is not; "curl works from my laptop" is the classic case. Run it on the \
        server itself, as the user the application runs as, to see what the server sees; \
        with `--user`, it also prints each server's own verdict beside its own.
        - **The product's truststore**, unless you give it with `--truststore`: without it, \
        the chain is checked against this machine's roots.
        - **Signatures.** Without the consumer's private key it cannot send a signed \
        request, so `signature_invalid` and `timestamp_refused` are inferred from the base URL \
        and the clocks, not observed.
        - **Configuration behind the administrator's screens**: incoming and outgoing \
        authentication details, consumer keys held by the remote, or user permissions. With \
        credentials it reads the status the servers report, never the provider \
        configurations, which can hold passwords.

        ## The commands it replaces

        - `nslookup`, `ping` and `telnet` or `nc -vz` to the remote port: the `dns` and \
        `tcp` checks.
        - `openssl s_client -connect host:443 -showcerts`, SSLPoke run with the product's \
        `java`, and `keytool -list -keystore cacerts`: the `tls` check, with `--truststore` \
        pointing at the product's `cacerts`.
        - `curl` on `/rest/applinks/1.0/manifest`, and reading `server.xml` for `proxyName`, \
        `proxyPort` and `scheme`: the `manifest` and `base-url` checks.
        - `date` on both hosts: the `clock` and `clock-difference` checks.
        - `curl -u admin` on `/rest/applinks/3.0/applinks` and `/rest/applinks/3.0/status/{id}`: \
        `--user`.
        """
    ),
  ]
}
