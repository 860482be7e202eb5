import Catalogue
import Foundation
import KnowledgeBase
import SiteBuilder
import Testing

/// Hostile text in every kind of field of one problem.
private let hostile =
  "<script>alert(1)</script> \"quoted\" 'single' {{mustache}} `tick` *star* _under_ [link](javascript:alert(2)) </textarea> &amp;"

private func hostileCatalogue() -> Catalogue {
  var catalogue = Catalogue.applinks
  var problem = catalogue.problems[1]
  problem.title = "Title " + hostile
  problem.summary = "Summary " + hostile
  problem.meaning = "Meaning " + hostile + "\n\n<div onclick=\"x\">raw</div>"
  problem.logMessage = "Log " + hostile
  problem.causes[0].description = "Cause [click](javascript:alert(3)) and `code`"
  problem.examples.append("oauth_problem=signature_invalid " + hostile)
  catalogue.problems[1] = problem
  catalogue.products[0].name = "Bamboo " + hostile
  return catalogue
}

@Test func hostileCatalogueTextIsInertInEveryOutput() throws {
  var catalogue = hostileCatalogue()
  // Raw HTML is refused by validation; the renderer must still be safe if it got through.
  #expect(catalogue.validationIssues().contains { $0.field == "meaning" })
  catalogue.problems[1].meaning =
    "Meaning {{mustache}} `tick` *star* [link](javascript:alert(2)) &amp;"
  let output = try SiteRenderer(templatesFolder: templatesFolder).render(catalogue)
  for (path, data) in output.site where path.hasSuffix(".html") {
    let page = text(data)
    #expect(!page.contains("<script>alert"), "\(path) lets a script through")
    #expect(!page.lowercased().contains("href=\"javascript:"), "\(path) keeps a javascript: link")
    #expect(!page.contains("</textarea>"), "\(path) closes a textarea")
    #expect(!page.contains("onclick"), "\(path) keeps an event handler")
  }
  let page = text(output.site["problems/signature_invalid.html"])
  #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
  #expect(page.contains("&quot;quoted&quot;") || page.contains("“quoted”"))
  #expect(page.contains("{{mustache}}"), "Mustache delimiters in data are printed, not expanded")
  for (path, data) in output.content {
    let markdown = text(data)
    let html = Markdown.html(markdown)
    #expect(!html.contains("<script>alert"), "\(path) renders a script")
    #expect(!html.lowercased().contains("href=\"javascript:"), "\(path) renders a javascript: link")
    #expect(!html.contains("</textarea>"), "\(path) renders a textarea end")
  }
  // JSON stays valid and carries the text as it is.
  let index =
    try JSONSerialization.jsonObject(with: output.site["search-index.json"]!) as? [String: Any]
  let documents = index?["documents"] as? [[String: Any]] ?? []
  #expect(documents.contains { ($0["title"] as? String) == "Title " + hostile })
  let rules = try JSONSerialization.jsonObject(with: output.site["rules.json"]!) as? [String: Any]
  let problems = rules?["problems"] as? [[String: Any]] ?? []
  #expect(problems.contains { ($0["title"] as? String) == "Title " + hostile })
  #expect(
    !text(output.site["rules.js"]).contains("</script>"), "rules.js could end a script element")
}

@Test func markdownEscapingShowsTextLiterally() {
  for sample in [
    hostile, "# heading", "- item", "1. first", "> quote", "a | b", "<b>bold</b>", "100% & more",
  ] {
    let html = Markdown.html(Markdown.escaped(sample))
    #expect(HTMLText.text(of: html) == sample, "\(sample)")
  }
}

@Test func codeSpansHoldBackticks() {
  for sample in ["a`b", "``x``", "`edge`", "plain"] {
    let html = Markdown.html(Markdown.codeSpan(sample))
    #expect(HTMLText.text(of: html) == sample, "\(sample) -> \(html)")
  }
}

@Test func proseDropsRawHTMLAndJavaScriptLinks() {
  let html = Markdown.html(
    "Hello <b onclick=\"x\">there</b> [a](javascript:alert(1)) [b](https://example.com)")
  #expect(!html.contains("onclick"))
  #expect(!html.contains("javascript:"))
  #expect(html.contains("href=\"https://example.com\""))
}
