import KnowledgeBase

extension Problem {
  /// The other values of the OAuth Problem Reporting vocabulary.
  static let oauthVocabulary: [Problem] = [
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
  ]
}
