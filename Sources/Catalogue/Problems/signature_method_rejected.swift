import KnowledgeBase

extension Problem {
  static let signatureMethodRejected = Problem(
    id: "signature_method_rejected",
    title: "OAuth signature method rejected",
    summary: "The remote end refused the signature method; application links sign with RSA-SHA1.",
    meaning: """
      The service provider will not accept the `oauth_signature_method` the request used.
      Application links sign every request with `RSA-SHA1` and the link's key pair, so this is a
      rare value between two Atlassian products. It usually means a script or third-party client
      signed with `HMAC-SHA1` or `PLAINTEXT`, that the consumer registered at the remote end has
      no usable public key (often after the link was edited by hand), or that a proxy altered the
      `Authorization` header.
      """,
    oauthProblem: "signature_method_rejected",
    logMessage: "oauth_problem=signature_method_rejected",
    category: .oauthRequestRejected,
    causes: [
      Cause(
        """
        A script or third-party client signs its requests with `HMAC-SHA1` or `PLAINTEXT`
        instead of `RSA-SHA1`.
        """,
        actions: [
          """
          Configure the client to sign with `RSA-SHA1`, using the private key whose public key
          is registered in the incoming authentication of its application link.
          """
        ]
      ),
      Cause(
        """
        The link or its consumer was edited by hand or created by a script (in the database,
        for instance), and the incoming authentication at the remote end has no public key it
        can check an `RSA-SHA1` signature with.
        """,
        actions: [
          """
          On the remote application, open the link's incoming authentication and check that the
          consumer is there with a public key.
          """,
          """
          Reset OAuth authentication on the link, for both incoming and outgoing connections, so
          the two ends exchange fresh keys.
          """,
          "If that does not help, delete the link at both ends and create it again.",
        ]
      ),
      Cause(
        """
        A reverse proxy or gateway rewrote the `Authorization` header and changed the signature
        method on the way.
        """,
        actions: [
          """
          Set `com.atlassian.applinks` to DEBUG on the sending end and `com.atlassian.oauth` to
          DEBUG on the receiving end, and compare the signature method sent with the one that
          arrived.
          """,
          "Exclude the link's traffic from header rewriting on the proxy.",
        ]
      ),
      Cause(
        """
        The remote end is a very old release or a non-Atlassian OAuth provider that does not
        support `RSA-SHA1`.
        """,
        actions: ["Upgrade the remote application to a supported release."]
      ),
    ],
    messages: [
      .oauthProblemInWords(
        "signature method rejected", "unsupported signature method",
        "signature method not supported")
    ],
    seeAlso: [
      .problem("signature_invalid"),
      .problem("consumer_key_unknown"),
      .problem("version_rejected"),
      .article("what-is-oauth"),
    ],
    examples: [
      "oauth_problem=signature_method_rejected",
      """
      WWW-Authenticate: OAuth realm="https%3A%2F%2Fbamboo.example.com", \
      oauth_problem="signature_method_rejected"
      """,
      """
      2024-03-05 14:02:11,287 WARN [http-nio-8085-exec-12] [OAuthFilter] Problem encountered \
      authenticating OAuth client for url "https://bamboo.example.com/rest/api/latest/plan", \
      error was "signature_method_rejected", with parameters \
      "{oauth_consumer_key=build-monitor, oauth_signature_method=HMAC-SHA1}"
      """,
      """
      {"oauth_problem": "signature_method_rejected", \
      "oauth_problem_advice": "Requests must be signed with RSA-SHA1"}
      """,
      "signature_method_rejected (OAuth::Problem)",
    ]
  )
}
