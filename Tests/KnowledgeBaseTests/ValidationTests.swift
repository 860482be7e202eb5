import CCmark
import Foundation
import KnowledgeBase
import Testing

/// A small valid catalogue that each test breaks in one way.
private func sampleCatalogue() -> Catalogue {
  Catalogue(
    version: "1",
    problems: [
      Problem(
        id: "signature_invalid", title: "Signature rejected", summary: "The signature differs.",
        meaning: "The two ends computed different signatures.", oauthProblem: "signature_invalid",
        linkStatusType: "OAUTH_SIGNATURE_INVALID", logMessage: "oauth_problem=signature_invalid",
        category: .oauthRequestRejected,
        causes: [Cause("The URL differs.", actions: ["Check the base URL."])],
        seeAlso: [.flavour("3lo"), .problem("token_rejected")],
        examples: [
          "oauth_problem=signature_invalid",
          #"WWW-Authenticate: OAuth oauth_problem="signature_invalid""#,
          "net.oauth.OAuthProblemException: signature_invalid",
        ], products: ["jira"]),
      Problem(
        id: "token_rejected", title: "Token rejected", summary: "The token is not accepted.",
        meaning: "The remote end does not accept the token.", oauthProblem: "token_rejected",
        logMessage: "oauth_problem=token_rejected", category: .oauthRequestRejected,
        causes: [Cause("It was revoked.", actions: ["Authorise again."])],
        examples: [
          "oauth_problem=token_rejected",
          #"WWW-Authenticate: OAuth oauth_problem="token_rejected""#,
          "net.oauth.OAuthProblemException: token_rejected",
        ]),
    ],
    products: [
      Product(
        id: "jira", name: "Jira", applicationLogs: ["<Jira home>/log"],
        webServerLogs: ["<Jira install>/logs"], logFiles: ["atlassian-jira.log"],
        loggerPrefixes: ["com.atlassian.jira"], debugLogging: "Set `com.atlassian.oauth` to DEBUG.")
    ],
    flavours: [
      OAuthFlavour(
        id: "3lo", name: "3-legged OAuth", howItAuthorises: "Per user.", whenToChoose: "Mostly.")
    ],
    articles: [
      Article(id: "what-is-oauth", title: "What is OAuth?", summary: "A primer.", body: "Tokens.")
    ]
  )
}

@Test func sampleCatalogueIsValid() throws {
  #expect(sampleCatalogue().validationIssues() == [])
  try sampleCatalogue().validated()
}

@Test func duplicateIDIsNamed() {
  var catalogue = sampleCatalogue()
  catalogue.problems[1].id = "signature_invalid"
  catalogue.problems[1].oauthProblem = "token_rejected"
  let issues = catalogue.validationIssues()
  #expect(
    issues.contains(
      ValidationIssue(
        entry: "problem signature_invalid", field: "id", message: "is used more than once")))
}

@Test func causeWithoutActionsIsNamed() {
  var catalogue = sampleCatalogue()
  catalogue.problems[0].causes.append(Cause("Another reason.", actions: []))
  let issues = catalogue.validationIssues()
  #expect(
    issues.map(\.description) == ["problem signature_invalid: causes[1].actions: has no action"])
}

@Test func problemWithoutCausesIsNamed() {
  var catalogue = sampleCatalogue()
  catalogue.problems[1].causes = []
  #expect(
    catalogue.validationIssues().map(\.description) == [
      "problem token_rejected: causes: has no cause"
    ])
}

@Test(arguments: [
  (Reference.problem("nope"), "refers to unknown problem 'nope'"),
  (Reference.flavour("4lo"), "refers to unknown flavour '4lo'"),
  (Reference.article("missing"), "refers to unknown article 'missing'"),
  (Reference.product("jira"), nil),
])
func unknownReferenceIsNamed(reference: Reference, message: String?) {
  var catalogue = sampleCatalogue()
  catalogue.problems[0].seeAlso = [reference]
  let issues = catalogue.validationIssues()
  if let message {
    #expect(
      issues == [
        ValidationIssue(entry: "problem signature_invalid", field: "seeAlso[0]", message: message)
      ])
  } else {
    #expect(issues.isEmpty)
  }
}

@Test func unknownProductIsNamed() {
  var catalogue = sampleCatalogue()
  catalogue.problems[0].products = ["jira", "wiki"]
  #expect(
    catalogue.validationIssues().map(\.description) == [
      "problem signature_invalid: products[1]: refers to unknown product 'wiki'"
    ])
}

@Test func emptyTitleIsNamed() {
  var catalogue = sampleCatalogue()
  catalogue.problems[1].title = "  "
  #expect(
    catalogue.validationIssues().map(\.description) == ["problem token_rejected: title: is empty"])
}

@Test func emptyStringsAreNamedWherever() {
  var catalogue = sampleCatalogue()
  catalogue.flavours[0].whenToChoose = ""
  catalogue.articles[0].summary = ""
  catalogue.products[0].applicationLogs = [""]
  #expect(
    Set(catalogue.validationIssues().map(\.description)) == [
      "flavour 3lo: whenToChoose: is empty", "article what-is-oauth: summary: is empty",
      "product jira: applicationLogs[0]: is empty",
    ])
}

@Test(arguments: ["Signature", "sig nature", "sig/nature", "-sig", ""])
func idsMustBeLowerCaseAndURLSafe(id: String) {
  var catalogue = sampleCatalogue()
  catalogue.articles[0].id = id
  let issues = catalogue.validationIssues()
  #expect(issues.count == 1)
  #expect(issues.first?.field == "id")
  #expect(issues.first?.entry.hasPrefix("article") == true)
}

@Test func rawHTMLInProseIsRefused() {
  var catalogue = sampleCatalogue()
  catalogue.problems[0].causes[0].actions[0] = "Check <b>the</b> base URL."
  let issues = catalogue.validationIssues()
  #expect(issues.count == 1)
  #expect(issues.first?.field == "causes[0].actions[0]")
  #expect(issues.first?.message.contains("raw HTML") == true)
}

@Test func codeUsedTwiceIsNamed() {
  var catalogue = sampleCatalogue()
  catalogue.problems[1].oauthProblem = "signature_invalid"
  #expect(
    catalogue.validationIssues().map(\.description) == [
      "problem token_rejected: oauthProblem: code signature_invalid is already used by problem signature_invalid"
    ])
}

@Test func multiLineExampleIsRefused() {
  var catalogue = sampleCatalogue()
  catalogue.problems[0].examples.append("one\ntwo")
  #expect(
    catalogue.validationIssues().map(\.description) == [
      "problem signature_invalid: examples[3]: must be a single line"
    ])
}

@Test func fewerThanThreeExamplesAreRefusedUnlessRetired() {
  var catalogue = sampleCatalogue()
  catalogue.problems[1].examples.removeLast()
  #expect(Problem.minimumExamples == 3)
  #expect(
    catalogue.validationIssues().map(\.description) == [
      "problem token_rejected: examples: has 2 example log lines; give at least 3, in different "
        + "shapes"
    ])
  catalogue.problems[1].examples = []
  catalogue.problems[1].retired = true
  #expect(catalogue.validationIssues() == [])
}

@Test func placeholdersOfNewProblemAreRefusedInEveryField() {
  var catalogue = sampleCatalogue()
  let hint = Placeholder.text("Short heading")
  #expect(hint == "<#Short heading#>")
  catalogue.problems[1].title = hint
  catalogue.problems[1].causes[0].actions[0] = "First " + Placeholder.text("what to do")
  catalogue.problems[1].examples[2] = Placeholder.text("a log line")
  catalogue.problems[1].messages = [
    LogMessage(.wording, literal: Placeholder.text("literal"), pattern: "token")
  ]
  let refusal = "still holds a placeholder of kb new-problem (<#...#>); write it"
  #expect(
    catalogue.validationIssues().map(\.description) == [
      "problem token_rejected: title: \(refusal)",
      "problem token_rejected: causes[0].actions[0]: \(refusal)",
      "problem token_rejected: messages[0].literal: \(refusal)",
      "problem token_rejected: examples[2]: \(refusal)",
    ])
  #expect(!Placeholder.isLeft(in: "a <# without its end"))
  #expect(!Placeholder.isLeft(in: "#> before <#"))
}

@Test func validatedThrowsEveryIssue() {
  var catalogue = sampleCatalogue()
  catalogue.problems[0].title = ""
  catalogue.problems[1].summary = ""
  #expect(throws: ValidationError.self) { try catalogue.validated() }
  do {
    try catalogue.validated()
  } catch let error as ValidationError {
    #expect(error.issues.count == 2)
    #expect(error.description.contains("problem signature_invalid: title: is empty"))
  } catch {
    Issue.record("unexpected error \(error)")
  }
}

@Test func modelRoundTripsThroughJSON() throws {
  let catalogue = sampleCatalogue()
  let data = try JSONEncoder().encode(catalogue)
  #expect(try JSONDecoder().decode(Catalogue.self, from: data) == catalogue)
}

@Test func cmarkLinksAndRendersMarkdown() {
  let markdown = "# Title\n\nSome *emphasis* and `code`."
  let html = cmark_markdown_to_html(markdown, markdown.utf8.count, CMARK_OPT_DEFAULT)
  defer { free(html) }
  let text = html.map { String(cString: $0) } ?? ""
  #expect(text == "<h1>Title</h1>\n<p>Some <em>emphasis</em> and <code>code</code>.</p>\n")
}
