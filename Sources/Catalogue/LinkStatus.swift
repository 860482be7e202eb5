import KnowledgeBase

extension LinkStatus {
  /// The links screen's lozenges and the 28 error types of its status resource in their 9
  /// categories (Application Links 5.0.5 and later).
  static let applinks = LinkStatus(
    lozenges: [
      .init(text: "CONNECTED", meaning: "The link works: the last status check found no error."),
      .init(
        text: "Authenticate to see status",
        meaning: """
          The status check needs to act as you on the remote application, and you have not \
          authorised this application there yet. Select the lozenge to go through the \
          authorisation; the real status shows afterwards.
          """),
      .init(
        text: "UPGRADE CONFIG",
        meaning: """
          The link works but may use an authentication type that is deprecated; the screen \
          offers to move it to OAuth.
          """),
      .init(
        text: "CONFIG ERROR",
        meaning: """
          The two ends are configured in ways that do not fit together, for example incoming \
          and outgoing authentication of different kinds, or no link back.
          """),
      .init(
        text: "NETWORK ERROR",
        meaning: """
          This application could not talk to the remote one: the host, the connection, TLS, \
          or the OAuth exchange failed.
          """),
      .init(
        text: "DISABLED", meaning: "The link and the features that use it are switched off."),
      .init(
        text: "INCOMPATIBLE",
        meaning: """
          The remote application's Application Links plugin is too old to be supported, or the \
          link has no outgoing authentication to check it with.
          """),
      .init(
        text: "ACCESS DENIED",
        meaning: """
          You are not an administrator on the remote application, so the status of its side \
          of the link cannot be shown to you.
          """),
      .init(
        text: "DEPRECATED",
        meaning: """
          The link still uses Trusted Applications or Basic Access, which Application Links \
          5.2 and later no longer support; update it to OAuth or remove it.
          """),
    ],
    categories: [
      .init(
        name: "UNKNOWN",
        meaning: "The status check failed in a way it could not classify.",
        types: ["UNKNOWN"]),
      .init(
        name: "INCOMPATIBLE",
        meaning: """
          The link cannot be checked: it has no outgoing authentication, or the remote \
          application's links plugin is not supported.
          """,
        types: ["NO_OUTGOING_AUTH", "REMOTE_VERSION_INCOMPATIBLE"]),
      .init(
        name: "NON_ATLASSIAN",
        meaning: """
          The link points at an application that is not an Atlassian product, whose status \
          cannot be checked. Not a failure.
          """,
        types: ["GENERIC_LINK", "NON_ATLASSIAN"]),
      .init(
        name: "SYSTEM",
        meaning: "A link the system manages itself, whose status is not checked. Not a failure.",
        types: ["SYSTEM_LINK"]),
      .init(
        name: "NETWORK_ERROR",
        meaning: """
          Talking to the remote application failed: the host name, the connection, the \
          certificate, the OAuth exchange or the answer itself.
          """,
        types: [
          "CONNECTION_REFUSED", "UNKNOWN_HOST", "SSL_UNTRUSTED", "SSL_HOSTNAME_UNMATCHED",
          "SSL_UNMATCHED", "OAUTH_PROBLEM", "OAUTH_TIMESTAMP_REFUSED", "OAUTH_SIGNATURE_INVALID",
          "UNEXPECTED_RESPONSE", "UNEXPECTED_RESPONSE_STATUS",
        ]),
      .init(
        name: "ACCESS_ERROR",
        meaning: """
          The check needs an authorisation or a permission that the person looking does not \
          have, here or on the remote application.
          """,
        types: [
          "LOCAL_AUTH_TOKEN_REQUIRED", "REMOTE_AUTH_TOKEN_REQUIRED",
          "INSUFFICIENT_REMOTE_PERMISSION",
        ]),
      .init(
        name: "CONFIG_ERROR",
        meaning: """
          The ends are configured in ways that do not fit: no link back, or different levels of \
          OAuth on each side.
          """,
        types: ["NO_REMOTE_APPLINK", "AUTH_LEVEL_MISMATCH"]),
      .init(
        name: "DEPRECATED",
        meaning: """
          The link uses an authentication that is no longer supported, or a level of OAuth \
          this version does not offer; it should be updated or removed.
          """,
        types: [
          "AUTH_LEVEL_UNSUPPORTED", "LEGACY_UPDATE", "LEGACY_REMOVAL", "MANUAL_LEGACY_UPDATE",
          "MANUAL_LEGACY_REMOVAL", "MANUAL_LEGACY_REMOVAL_WITH_OLD_EDIT",
        ]),
      .init(
        name: "DISABLED", meaning: "The link has been switched off.", types: ["DISABLED"]),
    ])
}
