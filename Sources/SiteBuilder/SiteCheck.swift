import Foundation

/// Checks a built site as a reader would meet it: links and anchors resolve, each page has one
/// `<h1>` and a title, every page can be reached from the index, nothing loads from elsewhere.
public enum SiteCheck {
  /// Something wrong with one page of a built site.
  public struct Problem: Sendable, Equatable, CustomStringConvertible {
    /// The page's path within the site (`problems/signature_invalid.html`).
    public var page: String
    /// What is wrong, in words.
    public var message: String
    /// `page: message`, as `kb build` and `kb check` print it.
    public var description: String { "\(page): \(message)" }
  }

  /// Everything wrong with the HTML pages of `site` (files by path relative to the site's root),
  /// in page order; empty when all is well.
  public static func problems(in site: [String: Data]) -> [Problem] {
    var problems: [Problem] = []
    let pages = site.keys.filter { $0.hasSuffix(".html") }.sorted()
    var anchors: [String: Set<String>] = [:]
    var parsed: [String: [UInt8]] = [:]
    for page in pages {
      let html = Array(site[page]!)
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
      if occurrences(of: "<html lang=\"", in: html) == 0 {
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
    attributeValues(name, in: Array(html.utf8))
  }

  /// Values of `name="..."` attributes, read from the bytes of a page this project generated
  /// (attributes always in double quotes).
  static func attributeValues(_ name: String, in bytes: [UInt8]) -> [String] {
    let needle = Array(" \(name)=\"".utf8)
    var values: [String] = []
    var index = 0
    while let start = ByteSearch.find(needle, in: bytes, from: index) {
      let valueStart = start + needle.count
      guard let end = bytes[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { break }
      values.append(HTMLText.text(of: String(decoding: bytes[valueStart..<end], as: UTF8.self)))
      index = end
    }
    return values
  }

  static func stylesheetLinks(in bytes: [UInt8]) -> [String] {
    let open = Array("<link ".utf8)
    var values: [String] = []
    var index = 0
    while let start = ByteSearch.find(open, in: bytes, from: index) {
      guard let end = bytes[start...].firstIndex(of: UInt8(ascii: ">")) else { break }
      values += attributeValues("href", in: Array(bytes[(start + open.count - 1)..<end]))
      index = end
    }
    return values
  }

  static func occurrences(of needle: String, in bytes: [UInt8]) -> Int {
    let pattern = Array(needle.utf8)
    var count = 0
    var index = 0
    while let found = ByteSearch.find(pattern, in: bytes, from: index) {
      count += 1
      index = found + pattern.count
    }
    return count
  }

  static func between(_ start: String, _ end: String, in bytes: [UInt8]) -> String? {
    let open = Array(start.utf8)
    guard let from = ByteSearch.find(open, in: bytes, from: 0),
      let to = ByteSearch.find(Array(end.utf8), in: bytes, from: from + open.count)
    else { return nil }
    return String(decoding: bytes[(from + open.count)..<to], as: UTF8.self)
  }
}

/// Substring search over bytes; pages are small, so a first-byte scan is enough.
enum ByteSearch {
  static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
    guard let first = needle.first, haystack.count >= needle.count else { return nil }
    var index = from
    let last = haystack.count - needle.count
    while index <= last {
      if haystack[index] == first {
        var matched = true
        for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
          matched = false
          break
        }
        if matched { return index }
      }
      index += 1
    }
    return nil
  }
}
