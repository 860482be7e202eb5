import KnowledgeBase

extension Problem {
  /// Failures of the link itself: authorisation, network, TLS, Trusted Applications, status types.
  static let linkFailures: [Problem] = [
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
  ]
}
