import KnowledgeBase
import LogRules

/// A fact as text, ready for each renderer: `plain` for HTML templates (Mustache escapes it),
/// `md` escaped for Markdown pages. Built once, so both pages show the same words.
public struct TextView: Sendable {
  public var plain: String
  public var md: String

  init(_ plain: String) {
    self.plain = plain
    md = Markdown.escaped(plain)
  }
}

/// Prose from the catalogue (Markdown), rendered once for each output.
public struct ProseView: Sendable {
  public var md: String
  public var html: String
  public var text: String

  init(_ markdown: String, headingShift: Int = 1, anchorPrefix: String = "") {
    md = markdown.trimmingCharacters(in: .whitespacesAndNewlines)
    html = Markdown.html(md, headingShift: headingShift, anchorPrefix: anchorPrefix)
    text = HTMLText.text(of: html)
  }

  /// For fragments inside list items and table cells.
  init(inline markdown: String) {
    md = markdown.trimmingCharacters(in: .whitespacesAndNewlines)
    html = Markdown.inlineHTML(md)
    text = HTMLText.text(of: html)
  }
}

/// A link between pages, with the target for each output format.
public struct LinkView: Sendable {
  public var title: TextView
  public var html: String
  public var md: String
}

/// Where every page and section lives; the one place that knows the site's URLs.
public struct SiteMap: Sendable {
  public static let index = "index"
  public static let logLocations = "log-locations"
  public static let oauth = "oauth"
  public static let explain = "explain"
  public static let linkStatus = "link-status"
  public static let probe = "probe"

  /// A problem's page, without extension: where `rules.json` says it is (`ProblemInfo.url`).
  public static func problem(_ id: String) -> String {
    String(ProblemInfo.url(for: id).dropLast(".html".count))
  }

  /// Page path without extension, and anchor, of a reference.
  public static func target(of reference: Reference) -> (page: String, anchor: String?) {
    switch reference.kind {
    case .problem: (problem(reference.id), nil)
    case .product: (logLocations, reference.id)
    case .flavour: (oauth, reference.id)
    case .article:
      switch reference.id {
      case "what-is-oauth": (oauth, reference.id)
      case "probe-a-link": (probe, reference.id)
      default: (logLocations, reference.id)
      }
    }
  }

  /// The link from page `from` (path without extension) to `page#anchor`.
  public static func link(from: String, to page: String, anchor: String? = nil, title: String)
    -> LinkView
  {
    let depth = from.split(separator: "/").count - 1
    let root = String(repeating: "../", count: depth)
    let suffix = anchor.map { "#\($0)" } ?? ""
    return LinkView(
      title: TextView(title), html: root + page + ".html" + suffix, md: root + page + ".md" + suffix
    )
  }

  static func root(of page: String) -> String {
    String(repeating: "../", count: page.split(separator: "/").count - 1)
  }
}

// MARK: Problem pages

public struct CauseView: Sendable {
  public var number: Int
  public var anchor: String
  public var description: ProseView
  public var actions: [ProseView]
}

public struct ProblemView: Sendable {
  public var id: String
  public var title: TextView
  public var summary: TextView
  public var meaning: ProseView
  public var code: String?
  public var codeMd: String?
  public var statusTypes: [TextView]
  public var hasStatusTypes: Bool
  public var statusTypesText: String
  public var category: TextView
  public var categoryID: String
  public var logMessage: TextView
  public var logMessageMd: String
  public var logMessageBlockMd: String
  public var causes: [CauseView]
  public var examples: [TextView]
  public var examplesBlockMd: String
  public var products: [LinkView]
  public var productsText: String
  public var seeAlso: [LinkView]
  public var hasSeeAlso: Bool
  public var retired: Bool
  /// The checks of `lookup probe` that can reveal this problem, and its page.
  public var probeChecks: [TextView] = []
  /// "the tls check", "the manifest and consumer checks".
  public var probeChecksText = ""
  public var hasProbeChecks = false
  public var probePage: LinkView?
}

/// One check of `lookup probe` on the "Probe a link" page.
public struct ProbeCheckView: Sendable {
  public var check: TextView
  public var does: ProseView
  public var problems: [LinkView]
  public var hasProblems: Bool
}

// MARK: Pages

/// What the shared layout needs: titles, navigation, breadcrumbs, the table of contents.
public struct PageView: Sendable {
  public struct Crumb: Sendable {
    public var title: TextView
    public var href: String
    public var current: Bool
  }

  public struct TOCEntry: Sendable {
    public var title: TextView
    public var anchor: String
    public var children: [TOCEntry]
    public var hasChildren: Bool
  }

  public struct NavItem: Sendable {
    public var title: String
    public var href: String
    public var current: Bool
  }

  /// Path without extension: `index`, `problems/signature_invalid`.
  public var path: String
  public var template: String
  public var title: TextView
  public var documentTitle: String
  public var description: String
  public var root: String
  public var generatedFrom: String
  public var breadcrumbs: [Crumb]
  public var hasBreadcrumbs: Bool
  public var toc: [TOCEntry]
  public var hasTOC: Bool
  public var nav: [NavItem]
  public var siteTitle: String
  public var catalogueVersion: String
}

public struct CategoryView: Sendable {
  public var id: String
  public var title: TextView
  public var problems: [ProblemView]
}

public struct ProductView: Sendable {
  public var id: String
  public var name: TextView
  public var formerNames: TextView?
  public var applicationLogs: [TextView]
  public var hasApplicationLogs: Bool
  public var webServerLogs: [TextView]
  public var hasWebServerLogs: Bool
  public var logFiles: [TextView]
  public var debugLogging: ProseView
}

public struct FlavourView: Sendable {
  public var id: String
  public var name: TextView
  public var howItAuthorises: ProseView
  public var whenToChoose: ProseView
}

public struct ArticleView: Sendable {
  public var id: String
  public var title: TextView
  public var summary: TextView
  public var body: ProseView
}

/// A lozenge of the links screen.
public struct LozengeView: Sendable {
  public var text: TextView
  public var meaning: ProseView
}

/// A category of status error types, each type with the problem it leads to.
public struct StatusCategoryView: Sendable {
  public struct TypeView: Sendable {
    public var type: TextView
    public var problem: LinkView
  }
  public var id: String
  public var name: TextView
  public var meaning: ProseView
  public var types: [TypeView]
}

/// One page to render: the layout's fields plus the page's own content.
public struct PageModel: Sendable {
  public var page: PageView
  public var problem: ProblemView?
  public var categories: [CategoryView]
  public var products: [ProductView]
  public var flavours: [FlavourView]
  public var article: ArticleView?
  public var secondArticle: ArticleView?
  public var links: [LinkView]
  public var lozenges: [LozengeView] = []
  public var statusCategories: [StatusCategoryView] = []
  public var probeChecks: [ProbeCheckView] = []
  /// What the explain page says of a finding that rests on wording alone (lookup says the same).
  public var wordingNote: String? = nil
}
