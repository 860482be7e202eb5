import KnowledgeBase
import LogRules

/// A fact as text, ready for each renderer: `plain` for HTML templates (Mustache escapes it),
/// `md` escaped for Markdown pages. Built once, so both pages show the same words.
public struct TextView: Sendable {
  /// The text as it is; the HTML templates escape it.
  public var plain: String
  /// The text escaped for Markdown pages, so that it shows literally.
  public var md: String

  init(_ plain: String) {
    self.plain = plain
    md = Markdown.escaped(plain)
  }
}

/// Prose from the catalogue (Markdown), rendered once for each output.
public struct ProseView: Sendable {
  /// The Markdown as the catalogue gives it, trimmed, for the Markdown pages.
  public var md: String
  /// The Markdown rendered as HTML, for the HTML pages.
  public var html: String
  /// The rendered text without its markup, for the search index and tables of contents.
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
  /// The link's text.
  public var title: TextView
  /// The target in the HTML site, relative to the page the link is on.
  public var html: String
  /// The target among the Markdown pages, relative to the page the link is on.
  public var md: String
}

/// Where every page and section lives; the one place that knows the site's URLs.
public struct SiteMap: Sendable {
  /// The home page, which lists the problems by category.
  public static let index = "index"
  /// The page of every product's log locations and of DEBUG logging.
  public static let logLocations = "log-locations"
  /// The page about OAuth and its flavours.
  public static let oauth = "oauth"
  /// The page that explains pasted log lines and log files in the browser.
  public static let explain = "explain"
  /// The page of the links screen's lozenges and status error types.
  public static let linkStatus = "link-status"
  /// The page about `lookup probe`.
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

/// One cause of a problem, numbered, with its actions.
public struct CauseView: Sendable {
  /// The cause's number on its problem's page, from 1.
  public var number: Int
  /// The cause's anchor: `<problem>-cause-<number>`.
  public var anchor: String
  /// Why the problem happens, in prose.
  public var description: ProseView
  /// What to do, in the order to try them.
  public var actions: [ProseView]
}

/// A problem as its page and the index show it.
public struct ProblemView: Sendable {
  /// The problem's public id, as in its page URL and `rules.json`.
  public var id: String
  /// Short heading, as a reader would say it.
  public var title: TextView
  /// One sentence for lists and search results.
  public var summary: TextView
  /// What the failure means for the link.
  public var meaning: ProseView
  /// `oauth_problem=<value>` when the problem has an `oauth_problem` code.
  public var code: String?
  /// ``code`` as a Markdown code span.
  public var codeMd: String?
  /// Every links-screen status type that leads to the problem.
  public var statusTypes: [TextView]
  /// Whether ``statusTypes`` has any, for the templates' sections.
  public var hasStatusTypes: Bool
  /// ``statusTypes`` joined with commas.
  public var statusTypesText: String
  /// The heading of the problem's category.
  public var category: TextView
  /// The raw value of the category (`network-and-tls`): the index's anchor for it.
  public var categoryID: String
  /// The message an administrator finds in the logs.
  public var logMessage: TextView
  /// ``logMessage`` as a Markdown code span.
  public var logMessageMd: String
  /// ``logMessage`` as a fenced Markdown code block.
  public var logMessageBlockMd: String
  /// Why it happens, each cause with its actions.
  public var causes: [CauseView]
  /// The example log lines, one per entry.
  public var examples: [TextView]
  /// The examples as one fenced Markdown code block.
  public var examplesBlockMd: String
  /// Links to the log locations of the products it concerns (every product when none is named).
  public var products: [LinkView]
  /// The names of ``products`` joined with commas, or `all products`.
  public var productsText: String
  /// Links to the further reading, relative to the problem's page.
  public var seeAlso: [LinkView]
  /// Whether ``seeAlso`` has any, for the templates' sections.
  public var hasSeeAlso: Bool
  /// Whether the problem is retired: its page stays, with a notice, but it has no rules.
  public var retired: Bool
  /// The checks of `lookup probe` that can reveal this problem, and its page.
  public var probeChecks: [TextView] = []
  /// "the tls check", "the manifest and consumer checks".
  public var probeChecksText = ""
  /// Whether any check of `lookup probe` can reveal the problem.
  public var hasProbeChecks = false
  /// The link to the "Probe a link" page, relative to the problem's page.
  public var probePage: LinkView?
}

/// One check of `lookup probe` on the "Probe a link" page.
public struct ProbeCheckView: Sendable {
  /// The check's name as the probe prints it (`dns`, `tls`).
  public var check: TextView
  /// What the check does.
  public var does: ProseView
  /// Links to the problems the check can name.
  public var problems: [LinkView]
  /// Whether ``problems`` has any, for the templates' sections.
  public var hasProblems: Bool
}

// MARK: Pages

/// What the shared layout needs: titles, navigation, breadcrumbs, the table of contents.
public struct PageView: Sendable {
  /// One step of the breadcrumb trail, from the home page to the current page.
  public struct Crumb: Sendable {
    /// The step's text.
    public var title: TextView
    /// The step's page, relative to the current one.
    public var href: String
    /// Whether the step is the current page.
    public var current: Bool
  }

  /// An entry of a page's table of contents, with the entries below it.
  public struct TOCEntry: Sendable {
    /// The entry's text.
    public var title: TextView
    /// The anchor of the section it leads to, on the same page.
    public var anchor: String
    /// The entries below it (a problem page's causes).
    public var children: [TOCEntry]
    /// Whether ``children`` has any, for the templates' sections.
    public var hasChildren: Bool
  }

  /// An item of the site's navigation bar.
  public struct NavItem: Sendable {
    /// The item's text.
    public var title: String
    /// The item's page, relative to the current one.
    public var href: String
    /// Whether the item is the current page.
    public var current: Bool
  }

  /// Path without extension: `index`, `problems/signature_invalid`.
  public var path: String
  /// The name of the template the page is rendered with, under `Templates/html` and `md`.
  public var template: String
  /// The page's heading.
  public var title: TextView
  /// The title of the browser tab: the heading and the site's title, or the title alone
  /// for the home page.
  public var documentTitle: String
  /// One sentence for the meta description and the page's introduction.
  public var description: String
  /// `../` once per folder level of the page, to reach the site's root.
  public var root: String
  /// What the page was generated from, written in a comment at its top.
  public var generatedFrom: String
  /// The trail from the home page to this page.
  public var breadcrumbs: [Crumb]
  /// Whether to show the breadcrumbs: on every page but the home page.
  public var hasBreadcrumbs: Bool
  /// The page's table of contents.
  public var toc: [TOCEntry]
  /// Whether ``toc`` has any, for the templates' sections.
  public var hasTOC: Bool
  /// The navigation bar, with the current page marked.
  public var nav: [NavItem]
  /// The site's title, ``SiteModel/siteTitle``.
  public var siteTitle: String
  /// The catalogue's version, shown at the foot of every page.
  public var catalogueVersion: String
}

/// A category on the home page, with its problems that are not retired.
public struct CategoryView: Sendable {
  /// The raw value of the category (`network-and-tls`), its anchor on the home page.
  public var id: String
  /// The category's heading.
  public var title: TextView
  /// The problems listed under it, in the registry's order.
  public var problems: [ProblemView]
}

/// A product on the log locations page.
public struct ProductView: Sendable {
  /// The product's id, its anchor on the page.
  public var id: String
  /// The product's name.
  public var name: TextView
  /// `formerly <names>`, when the product had other names.
  public var formerNames: TextView?
  /// Folders holding the application log.
  public var applicationLogs: [TextView]
  /// Whether ``applicationLogs`` has any, for the templates' sections.
  public var hasApplicationLogs: Bool
  /// Folders holding the web server (Tomcat) log.
  public var webServerLogs: [TextView]
  /// Whether ``webServerLogs`` has any, for the templates' sections.
  public var hasWebServerLogs: Bool
  /// File names of its logs.
  public var logFiles: [TextView]
  /// How to raise the product's log level.
  public var debugLogging: ProseView
}

/// An OAuth flavour on the OAuth page.
public struct FlavourView: Sendable {
  /// The flavour's id, its anchor on the page.
  public var id: String
  /// The flavour's name.
  public var name: TextView
  /// How it authorises requests.
  public var howItAuthorises: ProseView
  /// When to choose it.
  public var whenToChoose: ProseView
}

/// An article, shown on the page that holds it.
public struct ArticleView: Sendable {
  /// The article's id, its anchor on the page.
  public var id: String
  /// The article's heading.
  public var title: TextView
  /// One sentence for lists and search results.
  public var summary: TextView
  /// The article's body.
  public var body: ProseView
}

/// A lozenge of the links screen.
public struct LozengeView: Sendable {
  /// The lozenge's text, as the links screen shows it.
  public var text: TextView
  /// What the lozenge tells.
  public var meaning: ProseView
}

/// A category of status error types, each type with the problem it leads to.
public struct StatusCategoryView: Sendable {
  /// An error type of the category, with the problem it leads to.
  public struct TypeView: Sendable {
    /// The error type (`AUTH_LEVEL_UNSUPPORTED`).
    public var type: TextView
    /// The link to the problem the type leads to.
    public var problem: LinkView
  }
  /// `category-<name>`, lower-cased with `-` for `_`: the category's anchor on the page.
  public var id: String
  /// The category's name (`NETWORK_ERROR`).
  public var name: TextView
  /// What the category means.
  public var meaning: ProseView
  /// Its error types that lead to a problem of the catalogue.
  public var types: [TypeView]
}

/// One page to render: the layout's fields plus the page's own content.
public struct PageModel: Sendable {
  /// The layout's fields: titles, navigation, breadcrumbs, table of contents.
  public var page: PageView
  /// The problem of a problem page.
  public var problem: ProblemView?
  /// The categories of the home page.
  public var categories: [CategoryView]
  /// The products of the log locations page.
  public var products: [ProductView]
  /// The flavours of the OAuth page.
  public var flavours: [FlavourView]
  /// The page's article, when it shows one.
  public var article: ArticleView?
  /// A second article, after the page's own content (DEBUG logging on the log locations page).
  public var secondArticle: ArticleView?
  /// Further links the page lists (the home page's "More help").
  public var links: [LinkView]
  /// The lozenges of the link status page.
  public var lozenges: [LozengeView] = []
  /// The status error categories of the link status page.
  public var statusCategories: [StatusCategoryView] = []
  /// The checks of the probe page.
  public var probeChecks: [ProbeCheckView] = []
  /// What the explain page says of a finding that rests on wording alone (lookup says the same).
  public var wordingNote: String? = nil
}
