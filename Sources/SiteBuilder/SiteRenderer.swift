import Foundation
import KnowledgeBase
import LogRules
import Reporting
import RuleMatching
import RuleVectors

/// All output files of a build, in memory, by path relative to their folder.
public struct RenderedOutput: Sendable, Equatable {
  /// The Markdown pages, for `Content/`, by path relative to it.
  public var content: [String: Data] = [:]
  /// The HTML site, for `Site/`, by path relative to it: pages, assets, rules and indexes.
  public var site: [String: Data] = [:]

  /// How many files in all.
  public var fileCount: Int { content.count + site.count }
  /// How many bytes in all.
  public var byteCount: Int {
    content.values.reduce(0) { $0 + $1.count } + site.values.reduce(0) { $0 + $1.count }
  }
  /// How many HTML pages the site has.
  public var pageCount: Int { site.keys.filter { $0.hasSuffix(".html") }.count }
}

/// Renders the site model through the templates into Markdown pages, HTML pages, the search
/// index and the rule export.
public struct SiteRenderer: Sendable {
  /// The parsed templates, checked against the view models before rendering.
  public let templates: TemplateSet
  /// The folder of the site's static assets, `assets/` in the templates folder, copied as is.
  public let assets: URL

  /// Reads and checks the templates in `templatesFolder`.
  public init(templatesFolder: URL) throws {
    templates = try TemplateSet(folder: templatesFolder)
    assets = templatesFolder.appendingPathComponent("assets")
  }

  /// Renders every file; `corpus` holds the real lines that join the catalogue's examples in
  /// the test vectors.
  public func render(_ catalogue: Catalogue, corpus: [CorpusLine] = []) throws -> RenderedOutput {
    try catalogue.validated()
    let ruleIssues = catalogue.ruleIssues()
    if !ruleIssues.isEmpty { throw ValidationError(issues: ruleIssues) }
    let model = SiteModel(catalogue: catalogue)
    // Pages of one template have one shape: the first of each names every field.
    var known: Set<String> = []
    var seenTemplates: Set<String> = []
    for page in model.pages where seenTemplates.insert(page.page.template).inserted {
      FieldNames.collect(page, into: &known)
    }
    try templates.checkFields(known: known)

    var output = RenderedOutput()
    for page in model.pages {
      let path = page.page.path
      let context = TemplateContext.make(page) ?? [String: Any]()
      if page.page.template != "explain" {
        let markdown = try templates.render(context, template: "md/\(page.page.template)")
        output.content[path + ".md"] = Data(Self.tidyMarkdown(markdown).utf8)
      }
      let html = try templates.render(context, template: "html/\(page.page.template)")
      output.site[path + ".html"] = Data(Self.tidyHTML(html).utf8)
    }

    let index = SearchIndex(site: model)
    let indexJSON = try index.jsonData()
    output.site["search-index.json"] = indexJSON
    output.site["search-index.js"] = ScriptData.javascript(
      global: "APPLINKS_SEARCH_INDEX", json: indexJSON)
    output.site["search-index.schema.json"] = Data(SearchIndex.jsonSchema.utf8)
    let rulesJSON = try model.ruleSet.jsonData()
    output.site["rules.json"] = rulesJSON
    let subsetJSON = try PublishedJSON.encode(PortableSubset.standard)
    output.site["portable-subset.json"] = subsetJSON
    // Pages opened from disk cannot read JSON files, so the script carries both.
    output.site["rules.js"] =
      ScriptData.javascript(global: "APPLINKS_RULES", json: rulesJSON)
      + ScriptData.javascript(global: "APPLINKS_PORTABLE_SUBSET", json: subsetJSON)
    output.site["rules.schema.json"] = Data(RuleSet.jsonSchema.utf8)
    let vectors = try RuleTestVectors(catalogue: catalogue, ruleSet: model.ruleSet, corpus: corpus)
    output.site["rules-tests.json"] = try vectors.jsonData()
    output.site["rules-tests.schema.json"] = Data(RuleTestVectors.jsonSchema.utf8)
    output.site["summary-tests.json"] = try SummaryTestVectors(ruleSet: model.ruleSet).jsonData()
    output.site["summary-tests.schema.json"] = Data(SummaryTestVectors.jsonSchema.utf8)
    output.site["finding.schema.json"] = Data(
      ReportSchemas.finding(fields: model.ruleSet.fields).utf8)
    output.site["summary.schema.json"] = Data(ReportSchemas.summary.utf8)
    output.site["probe.schema.json"] = Data(ReportSchemas.probe.utf8)
    for (path, data) in try OutputWriter.read(assets) { output.site["assets/" + path] = data }
    return output
  }

  /// Mustache leaves the blank lines of its section tags; Markdown wants at most one.
  static func tidyMarkdown(_ text: String) -> String {
    var lines: [Substring] = []
    var blank = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.last == " " && !line.hasSuffix("  ") ? line.dropLast() : line
      if trimmed.allSatisfy(\.isWhitespace) {
        blank += 1
        if blank > 1 { continue }
        lines.append("")
      } else {
        blank = 0
        lines.append(trimmed)
      }
    }
    while lines.first == "" { lines.removeFirst() }
    while lines.last == "" { lines.removeLast() }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Drops lines left blank by section tags, outside `<pre>` where every line counts.
  static func tidyHTML(_ text: String) -> String {
    var lines: [Substring] = []
    var inPre = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if !inPre && line.allSatisfy(\.isWhitespace) { continue }
      lines.append(line)
      if line.contains("<pre") { inPre = true }
      if line.contains("</pre>") { inPre = false }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
