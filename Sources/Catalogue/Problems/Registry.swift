import KnowledgeBase

extension Problem {
  /// Every problem of the catalogue, each file of this folder once, in priority order.
  ///
  /// The order is declared, and it decides: when rules of two problems match a line with the
  /// same basis and priority, the rule of the problem listed first wins. The rules' order in
  /// `Site/rules.json` and the order of the problems within each group of the site's index
  /// follow it. Moving an entry can change which problem a line is explained as; `kb check`
  /// then reports `Site/` out of date.
  ///
  /// A new problem goes at the end unless it must win ties against one listed later:
  /// `kb new-problem ID --category C [--after OTHER]` writes `ID.swift`, adds it here and pins
  /// its id in `Tests/CatalogueTests/pinned-ids.txt`. One `.name,` per line: `kb check` reads
  /// this list and fails, naming the file, when a problem file is not listed, is listed twice
  /// or its id is not pinned (see CONTRIBUTING.md).
  static let registered: [Problem] = [
    .consumerKeyUnknown,
    .signatureInvalid,
    .timestampRefused,
    .tokenRejected,
    .oauthMismatch,
    .unsupportedOAuthLevel,
    .versionRejected,
    .parameterAbsent,
    .parameterRejected,
    .nonceUsed,
    .signatureMethodRejected,
    .consumerKeyRejected,
    .consumerKeyRefused,
    .tokenUsed,
    .tokenExpired,
    .tokenRevoked,
    .verifierInvalid,
    .additionalAuthorizationRequired,
    .permissionUnknown,
    .permissionDenied,
    .userRefused,
    .credentialsRequired,
    .sslUntrusted,
    .sslHostnameUnmatched,
    .unknownHost,
    .connectionRefused,
    .connectionTimeout,
    .trustedAppsBadSignature,
    .trustedAppsCertificateTooOld,
    .trustedAppsBadRemoteIp,
    .noRemoteApplink,
    .remoteAuthTokenRequired,
    .insufficientRemotePermission,
    .unexpectedResponse,
    .oauth2InvalidGrant,
    .oauth2InvalidClient,
    .oauth2RefreshTokenMissing,
    .oauth2AuthorizationRequired,
    .oauth2HttpsRequired,
    .basicAuthRefused,
    .xsrfCheckFailed,
    .applinkCorrupted,
    .manifestNotFound,
    .oauthChallengeUnanswered,
    .jiraServerNotFound,
    .linkDisabled,
    .noOutgoingAuth,
    .remoteVersionIncompatible,
    .legacyAuthInUse,
    .tlsHandshakeFailed,
    .sslCertificateExpired,
    .oauthProblemReported,
    .linkStatusUnavailable,
    .linkStatusUnknown,
    .connectionReset,
    .proxyAuthRequired,
    .truststoreUnusable,
    .baseUrlMismatch,
    .oauth2AccessTokenExpired,
    .accessForbidden,
    .linkNetworkError,
    .linkSetupIncomplete,
    .oauth2ErrorReported,
  ]
}
