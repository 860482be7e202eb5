import KnowledgeBase

extension Catalogue {
  /// The knowledge base of application-link authentication failures.
  public static let applinks = Catalogue(
    version: "1.0.0",
    problems: Problem.fromSourceDocument + Problem.oauthVocabulary + Problem.linkFailures
      + Problem.modernFailures,
    products: Product.all,
    flavours: OAuthFlavour.all,
    articles: Article.all,
    linkStatus: .applinks,
    unrelated: UnrelatedFailure.all,
    probeChecks: ProbeCheckInfo.all,
    layouts: LogLayout.all,
    fieldPatterns: FieldPattern.all
  )
}

extension Problem {
  /// The six problems of the application links OAuth troubleshooting page, in its order.
  static let fromSourceDocument: [Problem] = [
    .consumerKeyUnknown,
    .signatureInvalid,
    .timestampRefused,
    .tokenRejected,
    .oauthMismatch,
    .unsupportedOAuthLevel,
  ]
}
