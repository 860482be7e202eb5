import Foundation
import KnowledgeBase
import LogRules

/// The documents the site's search box looks through: one per page and one per section.
public struct SearchIndex: Codable, Sendable, Equatable {
  /// Version of the `search-index.json` format, bumped when the site's search would misread it.
  public static let formatVersion = 1

  /// One thing a search can find: a page, a problem, a cause, a product, a flavour or an article.
  public struct Document: Codable, Sendable, Equatable {
    /// `<kind>:<id>`, stable across builds.
    public var id: String
    /// Relative to the site root, with the anchor: `problems/signature_invalid.html#signature_invalid-cause-1`.
    public var url: String
    /// The title shown in the results.
    public var title: String
    /// `page`, `problem`, `cause`, `product`, `flavour` or `article`.
    public var kind: String
    /// The page the section is on, for grouping results.
    public var page: String
    /// `oauth_problem` values, link-status types and problem ids the document concerns.
    public var codes: [String]
    /// Ids of the products the document concerns (every product for a problem that names none).
    public var products: [String]
    /// Category id, for problems and their causes.
    public var category: String?
    /// The words searched, besides the title and codes, with runs of white space made one space.
    public var text: String
  }

  /// The format version this index was written in, ``SearchIndex/formatVersion``.
  public var formatVersion: Int
  /// Category id to its title, for labelling problem and cause results.
  public var categories: [String: String]
  /// Every document: the pages, then the problems each followed by its causes, the products,
  /// the flavours and the articles.
  public var documents: [Document]

  /// The index of every page and section of `site`.
  public init(site: SiteModel) {
    let catalogue = site.catalogue
    let allProducts = catalogue.products.map(\.id)
    var documents: [Document] = []
    func add(
      _ id: String, _ url: String, _ title: String, _ kind: String, page: String,
      codes: [String] = [], products: [String] = [], category: String? = nil, text: String
    ) {
      documents.append(
        Document(
          id: id, url: url, title: title, kind: kind, page: page, codes: codes, products: products,
          category: category,
          text: text.split(whereSeparator: \.isWhitespace).joined(separator: " ")))
    }
    for model in site.pages {
      add(
        "page:\(model.page.path)", "\(model.page.path).html", model.page.title.plain, "page",
        page: model.page.title.plain, text: model.page.description)
    }
    for (problem, view) in zip(catalogue.problems, site.problems) {
      let url = ProblemInfo.url(for: problem.id)
      let codes =
        [problem.id] + (problem.oauthProblem.map { $0 == problem.id ? [] : [$0] } ?? [])
        + problem.allLinkStatusTypes
      let products = problem.products.isEmpty ? allProducts : problem.products
      add(
        "problem:\(problem.id)", "\(url)#\(problem.id)", problem.title, "problem",
        page: problem.title,
        codes: codes, products: products, category: problem.category.rawValue,
        text: [problem.summary, view.meaning.text, problem.logMessage].joined(separator: " "))
      for cause in view.causes {
        add(
          "cause:\(cause.anchor)", "\(url)#\(cause.anchor)",
          "\(problem.title): cause \(cause.number)",
          "cause", page: problem.title, codes: codes, products: products,
          category: problem.category.rawValue,
          text: ([cause.description.text] + cause.actions.map(\.text)).joined(separator: " "))
      }
    }
    let logPage = site.pages.first { $0.page.path == SiteMap.logLocations }?.page.title.plain ?? ""
    for product in site.pages.first(where: { $0.page.path == SiteMap.logLocations })?.products ?? []
    {
      add(
        "product:\(product.id)", "\(SiteMap.logLocations).html#\(product.id)", product.name.plain,
        "product",
        page: logPage, products: [product.id],
        text: ([product.formerNames?.plain ?? ""] + product.applicationLogs.map(\.plain)
          + product.webServerLogs.map(\.plain) + product.logFiles.map(\.plain) + [
            product.debugLogging.text
          ])
          .joined(separator: " "))
    }
    let oauthPage = site.pages.first { $0.page.path == SiteMap.oauth }?.page.title.plain ?? ""
    for flavour in site.pages.first(where: { $0.page.path == SiteMap.oauth })?.flavours ?? [] {
      add(
        "flavour:\(flavour.id)", "\(SiteMap.oauth).html#\(flavour.id)", flavour.name.plain,
        "flavour",
        page: oauthPage, codes: [flavour.id],
        text: flavour.howItAuthorises.text + " " + flavour.whenToChoose.text)
    }
    let articleViews = site.pages.flatMap { [$0.article, $0.secondArticle].compactMap { $0 } }
    for article in catalogue.articles {
      let target = SiteMap.target(of: .article(article.id))
      let page = site.pages.first { $0.page.path == target.page }?.page.title.plain ?? ""
      let body = articleViews.first { $0.id == article.id }?.body.text ?? ""
      add(
        "article:\(article.id)", "\(target.page).html#\(article.id)", article.title, "article",
        page: page,
        text: article.summary + " " + body)
    }
    self.formatVersion = Self.formatVersion
    self.categories = Dictionary(
      uniqueKeysWithValues: Category.allCases.map { ($0.rawValue, $0.title) })
    self.documents = documents
  }

  /// Sorted keys and no timestamps: the same catalogue gives the same bytes.
  public func jsonData() throws -> Data { try PublishedJSON.encode(self) }
}

/// Wraps JSON as a script that sets a global, so pages opened from `file://` (where fetching
/// JSON is blocked) still get the data.
enum ScriptData {
  static func javascript(global: String, json: Data) -> Data {
    var script = Data(
      "// Generated by kb build. The same data as the .json file beside it.\nwindow.\(global) = "
        .utf8)
    // JSON is valid JavaScript, except that U+2028/U+2029 ended string literals before ES2019
    // and "</script" must not appear; neither is left as it is. One pass over the bytes.
    var body: [UInt8] = []
    body.reserveCapacity(json.count + 64)
    json.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
      var end = bytes.count
      while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x20 { end -= 1 }
      var index = 0
      while index < end {
        let byte = bytes[index]
        if byte == UInt8(ascii: "<"), index + 1 < end, bytes[index + 1] == UInt8(ascii: "/") {
          body.append(contentsOf: Array("<\\/".utf8))
          index += 2
        } else if byte == 0xE2, index + 2 < end, bytes[index + 1] == 0x80,
          bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
        {
          body.append(contentsOf: Array((bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
          index += 3
        } else {
          body.append(byte)
          index += 1
        }
      }
    }
    script.append(contentsOf: body)
    script.append(Data(";\n".utf8))
    return script
  }
}
