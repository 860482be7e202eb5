import KnowledgeBase
import LogRules

/// Every page of the site as view models, built once from the catalogue. Markdown pages, HTML
/// pages and the search index all read from here.
public struct SiteModel: Sendable {
  /// The site's name, in every page's header and browser tab.
  public static let siteTitle = "AppLinks OAuth troubleshooting"

  /// The catalogue the site is built from.
  public let catalogue: Catalogue
  /// The rule set compiled from the catalogue, as `rules.json` publishes it.
  public let ruleSet: RuleSet
  /// Every page: the fixed pages first (home, log locations, OAuth, explain, link status,
  /// probe), then one per problem in the registry's order.
  public let pages: [PageModel]
  /// Every problem's view, retired ones included, in the registry's order; links are relative
  /// to `problems/`.
  public let problems: [ProblemView]

  /// Builds every view model of `catalogue`'s site.
  public init(catalogue: Catalogue) {
    self.catalogue = catalogue
    ruleSet = RuleSet(catalogue: catalogue)
    let builder = Builder(catalogue: catalogue)
    problems = catalogue.problems.map { builder.problemView($0, from: SiteMap.problem($0.id)) }
    var pages = [
      builder.indexPage(problems), builder.logLocationsPage(), builder.oauthPage(),
      builder.explainPage(), builder.linkStatusPage(), builder.probePage(),
    ]
    pages += zip(catalogue.problems, problems).map { builder.problemPage($0.0, view: $0.1) }
    self.pages = pages
  }

  /// Builds view models; every link is computed relative to the page it sits on.
  struct Builder {
    let catalogue: Catalogue

    func problemView(_ problem: Problem, from page: String) -> ProblemView {
      let statusTypes = problem.allLinkStatusTypes
      let productIDs = problem.products.isEmpty ? catalogue.products.map(\.id) : problem.products
      let products = productIDs.compactMap { id in
        catalogue.product(id).map { product in
          SiteMap.link(from: page, to: SiteMap.logLocations, anchor: id, title: product.name)
        }
      }
      let seeAlso = problem.seeAlso.map { reference in
        let target = SiteMap.target(of: reference)
        return SiteMap.link(
          from: page, to: target.page, anchor: target.anchor, title: title(of: reference))
      }
      let probeChecks = catalogue.probeChecks.filter { $0.problems.contains(problem.id) }
      var view = ProblemView(
        id: problem.id, title: TextView(problem.title), summary: TextView(problem.summary),
        meaning: ProseView(problem.meaning, headingShift: 2),
        code: problem.oauthProblem.map { "oauth_problem=\($0)" },
        codeMd: problem.oauthProblem.map { Markdown.codeSpan("oauth_problem=\($0)") },
        statusTypes: statusTypes.map(TextView.init), hasStatusTypes: !statusTypes.isEmpty,
        statusTypesText: statusTypes.joined(separator: ", "),
        category: TextView(problem.category.title), categoryID: problem.category.rawValue,
        logMessage: TextView(problem.logMessage),
        logMessageMd: Markdown.codeSpan(problem.logMessage),
        logMessageBlockMd: CodeBlock.markdown([problem.logMessage]),
        causes: problem.causes.enumerated().map { index, cause in
          CauseView(
            number: index + 1, anchor: "\(problem.id)-cause-\(index + 1)",
            description: ProseView(cause.description, headingShift: 3),
            actions: cause.actions.map { ProseView(inline: $0) })
        },
        examples: problem.examples.map(TextView.init),
        examplesBlockMd: CodeBlock.markdown(problem.examples),
        products: products,
        productsText: problem.products.isEmpty
          ? "all products" : products.map(\.title.plain).joined(separator: ", "),
        seeAlso: seeAlso, hasSeeAlso: !seeAlso.isEmpty, retired: problem.retired)
      view.probeChecks = probeChecks.map { TextView($0.check) }
      view.hasProbeChecks = !probeChecks.isEmpty
      let names = probeChecks.map(\.check)
      view.probeChecksText =
        names.count == 1
        ? "its \(names[0]) check"
        : "its " + names.dropLast().joined(separator: ", ") + " and \(names.last ?? "") checks"
      view.probePage = SiteMap.link(from: page, to: SiteMap.probe, title: "Probe a link")
      return view
    }

    func title(of reference: Reference) -> String {
      switch reference.kind {
      case .problem: catalogue.problem(reference.id)?.title ?? reference.id
      case .product: catalogue.product(reference.id)?.name ?? reference.id
      case .flavour: catalogue.flavours.first { $0.id == reference.id }?.name ?? reference.id
      case .article: catalogue.articles.first { $0.id == reference.id }?.title ?? reference.id
      }
    }

    func pageView(
      path: String, template: String, title: String, description: String, generatedFrom: String,
      crumbs: [(String, String)], toc: [PageView.TOCEntry]
    ) -> PageView {
      let root = SiteMap.root(of: path)
      var breadcrumbs = [
        PageView.Crumb(
          title: TextView("Home"), href: root + "index.html", current: path == SiteMap.index)
      ]
      for (title, page) in crumbs {
        breadcrumbs.append(
          .init(title: TextView(title), href: root + page + ".html", current: page == path))
      }
      let nav: [PageView.NavItem] = [
        ("Problems", SiteMap.index), ("Explain a log line", SiteMap.explain),
        ("Where the logs are", SiteMap.logLocations), ("Link status", SiteMap.linkStatus),
        ("OAuth", SiteMap.oauth),
      ].map { .init(title: $0.0, href: root + $0.1 + ".html", current: $0.1 == path) }
      return PageView(
        path: path, template: template, title: TextView(title),
        documentTitle: path == SiteMap.index
          ? SiteModel.siteTitle : "\(title) · \(SiteModel.siteTitle)",
        description: description, root: root, generatedFrom: generatedFrom,
        breadcrumbs: breadcrumbs, hasBreadcrumbs: path != SiteMap.index, toc: toc,
        hasTOC: !toc.isEmpty,
        nav: nav, siteTitle: SiteModel.siteTitle, catalogueVersion: catalogue.version)
    }

    func toc(_ entries: [(String, String)]) -> [PageView.TOCEntry] {
      entries.map { .init(title: TextView($0.0), anchor: $0.1, children: [], hasChildren: false) }
    }

    func empty(_ page: PageView) -> PageModel {
      PageModel(
        page: page, problem: nil, categories: [], products: [], flavours: [], article: nil,
        secondArticle: nil, links: [])
    }

    func article(_ id: String, headingShift: Int = 1) -> ArticleView? {
      catalogue.articles.first { $0.id == id }.map { article in
        ArticleView(
          id: article.id, title: TextView(article.title), summary: TextView(article.summary),
          body: ProseView(article.body, headingShift: headingShift, anchorPrefix: "\(article.id)-"))
      }
    }

    /// The index lists the problem views of the problem pages; it reads only their text and
    /// builds its own links (`problems/<id>.html`), not the views' links, which are relative
    /// to `problems/`.
    func indexPage(_ views: [ProblemView]) -> PageModel {
      let path = SiteMap.index
      let categories = Category.allCases.compactMap { category -> CategoryView? in
        let problems = zip(catalogue.problems, views).filter {
          $0.0.category == category && !$0.0.retired
        }
        guard !problems.isEmpty else { return nil }
        return CategoryView(
          id: category.rawValue, title: TextView(category.title), problems: problems.map(\.1))
      }
      let page = pageView(
        path: path, template: "index", title: "Application link OAuth troubleshooting",
        description:
          "What each OAuth error of an Atlassian application link means and how to fix it.",
        generatedFrom: "the problems of the catalogue", crumbs: [],
        toc: toc(categories.map { ($0.title.plain, $0.id) } + [("More help", "more-help")]))
      var model = empty(page)
      model.categories = categories
      model.links = [
        SiteMap.link(from: path, to: SiteMap.explain, title: "Explain a log line"),
        SiteMap.link(from: path, to: SiteMap.logLocations, title: "Where the logs are"),
        SiteMap.link(
          from: path, to: SiteMap.logLocations, anchor: "debug-logging",
          title: "Turn on DEBUG logging"),
        SiteMap.link(from: path, to: SiteMap.oauth, title: "OAuth and its flavours"),
        SiteMap.link(from: path, to: SiteMap.probe, title: "Probe a link from outside"),
      ]
      return model
    }

    func problemPage(_ problem: Problem, view: ProblemView) -> PageModel {
      let path = SiteMap.problem(problem.id)
      var entries = [
        ("What it means", "meaning"), ("What the log says", "log-message"),
        ("Causes and actions", "causes"),
      ]
      entries += [("Example log lines", "examples"), ("Where to look", "where-to-look")]
      if !problem.seeAlso.isEmpty { entries.append(("See also", "see-also")) }
      var tocEntries = toc(entries)
      tocEntries[2].children = toc(
        view.causes.map {
          ("Cause \($0.number): \(Self.firstSentence(of: $0.description.text))", $0.anchor)
        })
      tocEntries[2].hasChildren = !view.causes.isEmpty
      let page = pageView(
        path: path, template: "problem", title: problem.title, description: problem.summary,
        generatedFrom: "problem \(problem.id) of the catalogue",
        crumbs: [(problem.category.title, SiteMap.index), (problem.title, path)], toc: tocEntries)
      var model = empty(page)
      model.problem = view
      model.page.breadcrumbs[1].href += "#\(problem.category.rawValue)"
      return model
    }

    /// The first sentence of a text, cut at a word near 70 characters, for tables of contents.
    static func firstSentence(of text: String) -> String {
      var sentence = text
      if let end = text.range(of: ". ") { sentence = String(text[..<end.lowerBound]) }
      if sentence.hasSuffix(".") { sentence.removeLast() }
      guard sentence.count > 70 else { return sentence }
      let cut = sentence.prefix(70)
      return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }

    func logLocationsPage() -> PageModel {
      let path = SiteMap.logLocations
      let products = catalogue.products.map { product in
        ProductView(
          id: product.id,
          name: TextView(product.name),
          formerNames: product.formerNames.isEmpty
            ? nil : TextView("formerly " + product.formerNames.joined(separator: ", ")),
          applicationLogs: product.applicationLogs.map(TextView.init),
          hasApplicationLogs: !product.applicationLogs.isEmpty,
          webServerLogs: product.webServerLogs.map(TextView.init),
          hasWebServerLogs: !product.webServerLogs.isEmpty,
          logFiles: product.logFiles.map(TextView.init),
          debugLogging: ProseView(
            product.debugLogging, headingShift: 3, anchorPrefix: "\(product.id)-"))
      }
      let intro = article("log-locations")
      let debug = article("debug-logging")
      let page = pageView(
        path: path, template: "log-locations", title: intro?.title.plain ?? "Where the logs are",
        description: intro?.summary.plain ?? "",
        generatedFrom: "the products and articles of the catalogue",
        crumbs: [("Where the logs are", path)],
        toc: toc(
          products.map { ($0.name.plain, $0.id) } + (debug.map { [($0.title.plain, $0.id)] } ?? []))
      )
      var model = empty(page)
      model.products = products
      model.article = intro
      model.secondArticle = debug
      return model
    }

    func oauthPage() -> PageModel {
      let path = SiteMap.oauth
      let flavours = catalogue.flavours.map { flavour in
        FlavourView(
          id: flavour.id, name: TextView(flavour.name),
          howItAuthorises: ProseView(
            flavour.howItAuthorises, headingShift: 3, anchorPrefix: "\(flavour.id)-"),
          whenToChoose: ProseView(
            flavour.whenToChoose, headingShift: 3, anchorPrefix: "\(flavour.id)-"))
      }
      let intro = article("what-is-oauth")
      let page = pageView(
        path: path, template: "oauth", title: intro?.title.plain ?? "OAuth",
        description: intro?.summary.plain ?? "",
        generatedFrom: "the flavours and articles of the catalogue",
        crumbs: [("OAuth", path)], toc: toc(flavours.map { ($0.name.plain, $0.id) }))
      var model = empty(page)
      model.flavours = flavours
      model.article = intro
      return model
    }

    /// The lozenges of the links screen and every error type of its status resource, each
    /// with the problem it leads to.
    func linkStatusPage() -> PageModel {
      let path = SiteMap.linkStatus
      let status = catalogue.linkStatus
      let categories = status.categories.map { category in
        StatusCategoryView(
          id: "category-" + category.name.lowercased().replacingOccurrences(of: "_", with: "-"),
          name: TextView(category.name), meaning: ProseView(inline: category.meaning),
          types: category.types.compactMap { type in
            catalogue.problems.first { $0.allLinkStatusTypes.contains(type) }.map { problem in
              StatusCategoryView.TypeView(
                type: TextView(type),
                problem: SiteMap.link(
                  from: path, to: SiteMap.problem(problem.id), title: problem.title))
            }
          })
      }
      let page = pageView(
        path: path, template: "link-status", title: "Link status lozenges and error types",
        description:
          "What each lozenge of the application links screen and each error type of its status check means.",
        generatedFrom: "the link status of the catalogue", crumbs: [("Link status", path)],
        toc: toc([("Lozenges", "lozenges")] + categories.map { ($0.name.plain, $0.id) }))
      var model = empty(page)
      model.lozenges = status.lozenges.map {
        LozengeView(text: TextView($0.text), meaning: ProseView(inline: $0.meaning))
      }
      model.statusCategories = categories
      return model
    }

    /// What `lookup probe` checks, what it cannot see and the commands it replaces.
    func probePage() -> PageModel {
      let path = SiteMap.probe
      let intro = article("probe-a-link", headingShift: 0)
      let checks = catalogue.probeChecks.map { check in
        let problems = check.problems.compactMap { id in
          catalogue.problem(id).map {
            SiteMap.link(from: path, to: SiteMap.problem(id), title: $0.title)
          }
        }
        return ProbeCheckView(
          check: TextView(check.check),
          does: ProseView(check.does, headingShift: 2, anchorPrefix: "\(check.check)-"),
          problems: problems, hasProblems: !problems.isEmpty)
      }
      let page = pageView(
        path: path, template: "probe", title: intro?.title.plain ?? "Probe a link",
        description: intro?.summary.plain ?? "",
        generatedFrom: "the probe checks and articles of the catalogue",
        crumbs: [("Probe a link", path)],
        toc: toc(
          [
            ("What it cannot see", "probe-a-link-what-it-cannot-see"),
            ("The commands it replaces", "probe-a-link-the-commands-it-replaces"),
            ("The checks", "checks"),
          ]))
      var model = empty(page)
      model.article = intro
      model.probeChecks = checks
      return model
    }

    func explainPage() -> PageModel {
      let path = SiteMap.explain
      let page = pageView(
        path: path, template: "explain", title: "Explain a log line",
        description:
          "Paste log lines or open a whole log file, and see which application-link problems they show.",
        generatedFrom: "the rule set of the catalogue", crumbs: [("Explain a log line", path)],
        toc: [])
      var model = empty(page)
      model.links = [SiteMap.link(from: path, to: SiteMap.index, title: "the list of problems")]
      model.wordingNote =
        Basis.wording.explanation.prefix(1).uppercased()
        + Basis.wording.explanation.dropFirst() + "."
      return model
    }
  }
}

/// Fenced code blocks that show any text literally, whatever backticks it holds.
enum CodeBlock {
  static func markdown(_ lines: [String]) -> String {
    let flat = lines.map { $0.replacingOccurrences(of: "\r", with: " ") }
    var longest = 0
    for line in flat {
      var run = 0
      for character in line {
        run = character == "`" ? run + 1 : 0
        longest = max(longest, run)
      }
    }
    let fence = String(repeating: "`", count: max(3, longest + 1))
    return fence + "text\n" + flat.joined(separator: "\n") + "\n" + fence
  }
}
