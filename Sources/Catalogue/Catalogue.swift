import KnowledgeBase

extension Catalogue {
  /// The knowledge base of application-link authentication failures.
  public static let applinks = Catalogue(
    version: "1.0.0",
    // Every problem, in the priority order declared in Problems/Registry.swift.
    problems: Problem.registered,
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
