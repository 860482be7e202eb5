import Foundation

/// Checks a built site as a reader would meet it: links and anchors resolve, each page has one
/// `<h1>` and a title, every page can be reached from the index, nothing loads from elsewhere.
public enum SiteCheck {
  public struct Problem: Sendable, Equatable, CustomStringConvertible {
    public var page: String
    public var message: String
    public var description: String { "\(page): \(message)" }
  }

  public static func problems(in site: [String: Data]) -> [Problem] {
    var problems: [Problem] = []
    let pages = site.keys.filter { $0.hasSuffix(".html") }.sorted()
    var anchors: [String: Set<String>] = [:]
    var parsed: [String: String] = [:]
    for page in pages {
      let html = String(decoding: site[page]!, as: UTF8.self)
      parsed[page] = html
      anchors[page] = Set(attributeValues("id", in: html))
    }
    var edges: [String: Set<String>] = [:]
    for page in pages {
      let html = parsed[page]!
      let headings = occurrences(of: "<h1", in: html)
      if headings != 1 {
        problems.append(.init(page: page, message: "has \(headings) <h1> elements, not one"))
      }
      if let title = between("<title>", "</title>", in: html),
        !title.trimmingCharacters(in: .whitespaces).isEmpty
      {
      } else {
        problems.append(.init(page: page, message: "has no <title>"))
      }
      if !html.contains("<html lang=\"") {
        problems.append(.init(page: page, message: "has no lang on <html>"))
      }
      let ids = attributeValues("id", in: html)
      if Set(ids).count != ids.count {
        let duplicates = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys
          .sorted()
        problems.append(
          .init(page: page, message: "repeats the id(s) \(duplicates.joined(separator: ", "))"))
      }
      for source in attributeValues("src", in: html) + stylesheetLinks(in: html)
      where isExternal(source) {
        problems.append(.init(page: page, message: "loads an external resource: \(source)"))
      }
      for link in attributeValues("href", in: html) + attributeValues("src", in: html) {
        if isExternal(link) || link.hasPrefix("mailto:") { continue }
        guard let (target, anchor) = resolve(link, from: page) else {
          problems.append(.init(page: page, message: "has a link that leaves the site: \(link)"))
          continue
        }
        if site[target] == nil {
          problems.append(.init(page: page, message: "links to a missing file: \(link)"))
          continue
        }
        if target.hasSuffix(".html") { edges[page, default: []].insert(target) }
        if let anchor, !anchor.isEmpty, target.hasSuffix(".html"),
          !(anchors[target]?.contains(anchor) ?? false)
        {
          problems.append(.init(page: page, message: "links to a missing anchor: \(link)"))
        }
      }
    }
    var reached: Set<String> = ["index.html"]
    var queue = ["index.html"]
    while let page = queue.popLast() {
      for next in edges[page, default: []] where reached.insert(next).inserted {
        queue.append(next)
      }
    }
    for page in pages where !reached.contains(page) {
      problems.append(.init(page: page, message: "cannot be reached from index.html"))
    }
    return problems
  }

  static func isExternal(_ link: String) -> Bool {
    let lower = link.lowercased()
    return lower.hasPrefix("http:") || lower.hasPrefix("https:") || lower.hasPrefix("//")
      || lower.hasPrefix("javascript:") || lower.hasPrefix("data:")
  }

  /// Resolves a relative link to a site path and anchor; nil when it climbs out of the site.
  static func resolve(_ link: String, from page: String) -> (String, String?)? {
    let decoded = HTMLText.text(of: link).removingPercentEncoding ?? link
    var path = decoded
    var anchor: String?
    if let hash = path.firstIndex(of: "#") {
      anchor = String(path[path.index(after: hash)...])
      path = String(path[..<hash])
    }
    if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
    if path.isEmpty { return (page, anchor) }
    var parts = page.split(separator: "/").dropLast().map(String.init)
    for part in path.split(separator: "/", omittingEmptySubsequences: false) {
      switch part {
      case ".", "": continue
      case "..":
        if parts.isEmpty { return nil }
        parts.removeLast()
      default: parts.append(String(part))
      }
    }
    return (parts.joined(separator: "/"), anchor)
  }

  static func attributeValues(_ name: String, in html: String) -> [String] {
    var values: [String] = []
    var rest = Substring(html)
    let needle = " \(name)=\""
    while let start = rest.range(of: needle) {
      let after = rest[start.upperBound...]
      guard let end = after.firstIndex(of: "\"") else { break }
      values.append(HTMLText.text(of: String(after[..<end])))
      rest = after[end...]
    }
    return values
  }

  static func stylesheetLinks(in html: String) -> [String] {
    var values: [String] = []
    var rest = Substring(html)
    while let start = rest.range(of: "<link ") {
      let after = rest[start.upperBound...]
      guard let end = after.firstIndex(of: ">") else { break }
      values += attributeValues("href", in: " " + String(after[..<end]))
      rest = after[end...]
    }
    return values
  }

  static func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  static func between(_ start: String, _ end: String, in text: String) -> String? {
    guard let open = text.range(of: start),
      let close = text.range(of: end, range: open.upperBound..<text.endIndex)
    else { return nil }
    return String(text[open.upperBound..<close.lowerBound])
  }
}
