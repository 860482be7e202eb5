import KnowledgeBase

extension NewProblem {
  /// The problem file `kb new-problem` writes: every argument of `Problem`'s initialiser, each
  /// with what to write; the texts hold `<#...#>` placeholders that validation refuses until
  /// they are replaced.
  public var template: String {
    let hint = Placeholder.text
    return ##"""
      import KnowledgeBase

      // Written by kb new-problem. Replace every <#...#> placeholder: kb check refuses the
      // catalogue while one is left. CONTRIBUTING.md says what each field is for.
      extension Problem {
        static let \##(constantName) = Problem(
          // Public: a URL, an anchor and a key of rules.json. Never rename it; retire the problem.
          id: "\##(id)",
          title: "\##(hint("A short heading, as a reader would say it: OAuth signature rejected"))",
          summary: """
            \##(hint("One sentence for lists and search results: what failed, and who refused it."))
            """,
          meaning: """
            \##(hint("What the failure means for the link, in your own words, in CommonMark."))
            """,
          // The oauth_problem value it reports ("signature_invalid"), whose every shape then finds
          // it; nil when it has none.
          oauthProblem: nil,
          // The error type the application links status screen shows ("OAUTH_PROBLEM"), or nil.
          linkStatusType: nil,
          // Further status types that lead to this problem.
          otherLinkStatusTypes: [],
          logMessage: "\##(hint("The message an administrator finds in the logs"))",
          category: .\##(String(describing: category)),
          // Why it happens: each cause with the actions that fix it, in the order to try them.
          causes: [
            Cause(
              """
              \##(hint("One reason it happens, in CommonMark."))
              """,
              actions: [
                """
                \##(hint("The first thing to do about it; add the next ones in order."))
                """
              ]
            )
          ],
          // What rules find it by, beside its code and status types: a basis (.code, .exception,
          // .status or .wording), a literal every matching line contains, and a regular expression
          // in the portable subset (docs/rule-format.md) that confirms the line; captures: [...]
          // names its groups with fields of FieldRegistry. Remove it when no example needs it.
          messages: [
            LogMessage(
              .wording, literal: "\##(hint("Text every matching line contains"))",
              pattern: #"\##(hint("A regular expression whose matches contain the literal"))"#)
          ],
          // Further reading: .problem("id"), .article("id"), .flavour("id"), .product("id").
          seeAlso: [],
          // At least \##(Problem.minimumExamples) log lines in different shapes, each on one line and
          // explained as this problem and no other.
          examples: [
            "\##(hint("A line that shows it: the bare code or message"))",
            "\##(hint("Another shape: an HTTP header, a JSON body or an exception"))",
            "\##(hint("A full line in a product's log layout"))",
          ],
          // Product ids it concerns (["jira", "confluence"]); empty means every product.
          products: [],
          // A retired problem keeps its id and page but no longer produces rules.
          retired: false
        )
      }

      """##
  }
}
