import KnowledgeBase

extension Problem {
  /// Failures of the link itself: authorisation, network, TLS, Trusted Applications, status types.
  static let linkFailures: [Problem] = []
}
