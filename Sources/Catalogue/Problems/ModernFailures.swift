import KnowledgeBase

extension Problem {
  /// Failures of links and integrations today: OAuth 2.0, Basic authentication, request
  /// checks, link records and creation, TLS handshakes, and every remaining link-status type.
  static let modernFailures: [Problem] = [
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
