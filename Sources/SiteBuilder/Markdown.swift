import CCmark
import Foundation

/// CommonMark through libcmark, in its safe mode: raw HTML is left out and `javascript:` links
/// are dropped, so catalogue prose can never inject markup.
public enum Markdown {
  /// Renders `markdown` to HTML. Headings move down by `headingShift` levels (prose sits under a
  /// page's own headings) and get ids prefixed with `anchorPrefix`.
  public static func html(_ markdown: String, headingShift: Int = 0, anchorPrefix: String = "")
    -> String
  {
    guard let document = cmark_parse_document(markdown, markdown.utf8.count, CMARK_OPT_DEFAULT)
    else { return "" }
    defer { cmark_node_free(document) }
    if headingShift != 0 { shiftHeadings(document, by: headingShift) }
    guard let rendered = cmark_render_html(document, CMARK_OPT_DEFAULT) else { return "" }
    defer { free(rendered) }
    let html = String(cString: rendered)
    return anchorPrefix.isEmpty && !html.contains("<h")
      ? html : addHeadingIDs(html, prefix: anchorPrefix)
  }

  /// Renders an inline fragment (a cause, an action) without the surrounding `<p>`.
  public static func inlineHTML(_ markdown: String) -> String {
    let html = self.html(markdown).trimmingCharacters(in: .whitespacesAndNewlines)
    if html.hasPrefix("<p>"), html.hasSuffix("</p>"), !html.dropFirst(3).contains("<p>") {
      return String(html.dropFirst(3).dropLast(4))
    }
    return html
  }

  /// Escapes text so that Markdown shows it literally (titles, codes and log lines are text).
  public static func escaped(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n", "\r":
        result.append(" ")
        continue
      case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&":
        result.append("\\")
      default: break
      }
      result.append(scalar)
    }
    let escaped = String(result)
    // Characters that only mean something at the start of a line: headings, lists, quotes.
    if let first = escaped.unicodeScalars.first, "#-+>=".unicodeScalars.contains(first) {
      return "\\" + escaped
    }
    if let dot = escaped.firstIndex(where: { !$0.isNumber }), dot != escaped.startIndex,
      escaped[dot] == "." || escaped[dot] == ")"
    {
      return String(escaped[..<dot]) + "\\" + String(escaped[dot...])
    }
    return escaped
  }

  /// A code span that shows `text` exactly, whatever backticks it holds.
  public static func codeSpan(_ text: String) -> String {
    let flat = text.replacingOccurrences(of: "\n", with: " ")
    var longest = 0
    var run = 0
    for character in flat {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let pad = flat.hasPrefix("`") || flat.hasSuffix("`") || flat.hasPrefix(" ") ? " " : ""
    return fence + pad + flat + pad + fence
  }

  private static func shiftHeadings(_ document: OpaquePointer, by shift: Int) {
    guard let iterator = cmark_iter_new(document) else { return }
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
        cmark_node_get_type(node) == CMARK_NODE_HEADING
      else { continue }
      let level = Int(cmark_node_get_heading_level(node))
      cmark_node_set_heading_level(node, Int32(min(6, level + shift)))
    }
  }

  /// cmark writes headings as `<hN>text</hN>`; give each a stable id from its text.
  private static func addHeadingIDs(_ html: String, prefix: String) -> String {
    var output = ""
    var rest = Substring(html)
    var used: [String: Int] = [:]
    while let open = rest.range(of: "<h") {
      let afterTag = rest[open.upperBound...]
      guard let level = afterTag.first, ("1"..."6").contains(level),
        afterTag.dropFirst().first == ">",
        let close = afterTag.range(of: "</h\(level)>")
      else {
        output += rest[..<open.upperBound]
        rest = afterTag
        continue
      }
      let inner = afterTag[afterTag.index(afterTag.startIndex, offsetBy: 2)..<close.lowerBound]
      var slug = prefix + Slug.make(HTMLText.text(of: String(inner)))
      let count = used[slug, default: 0]
      used[slug] = count + 1
      if count > 0 { slug += "-\(count + 1)" }
      output += rest[..<open.lowerBound]
      output +=
        "<h\(level) id=\"\(slug)\">\(HTMLEscaping.anchorMark(slug, label: HTMLText.text(of: String(inner))))"
      output += inner
      output += "</h\(level)>"
      rest = afterTag[close.upperBound...]
    }
    output += rest
    return output
  }
}

/// Lower-case, hyphen-separated anchors from heading text.
public enum Slug {
  /// `text` lower-cased, with its runs of characters other than `a`-`z` and `0`-`9` as one `-`;
  /// `section` when nothing is left.
  public static func make(_ text: String) -> String {
    var slug = ""
    var pendingHyphen = false
    for scalar in text.lowercased().unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        if pendingHyphen && !slug.isEmpty { slug.append("-") }
        pendingHyphen = false
        slug.unicodeScalars.append(scalar)
      } else {
        pendingHyphen = true
      }
    }
    return slug.isEmpty ? "section" : slug
  }
}

/// Escaping for text and attributes, for every catalogue string or log line that enters a page.
public enum HTMLEscaping {
  /// `text` with `<`, `>`, `&`, `"` and `'` written as character references, safe in text and
  /// in quoted attributes.
  public static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "&": result += "&amp;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }

  /// The visible link mark beside a heading; the mark itself is drawn by CSS so it adds no
  /// words to the page.
  public static func anchorMark(_ id: String, label: String) -> String {
    "<a class=\"anchor\" href=\"#\(escape(id))\" aria-label=\"Link to this section: \(escape(label))\"></a>"
  }
}

/// Text content of an HTML fragment that this project generated (no scripts or comments
/// expected, but both are skipped).
public enum HTMLText {
  /// The words of `html`: tags, comments and scripts dropped, character references decoded,
  /// runs of white space made one space.
  public static func text(of html: String) -> String {
    let bytes = Array(html.utf8)
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var index = 0
    func starts(_ prefix: String, at position: Int) -> Bool {
      let prefix = Array(prefix.utf8)
      return position + prefix.count <= bytes.count
        && bytes[position..<(position + prefix.count)].elementsEqual(prefix)
    }
    func find(_ needle: String, from position: Int) -> Int? {
      ByteSearch.find(Array(needle.utf8), in: bytes, from: position)
    }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "<") {
        if starts("<!--", at: index), let end = find("-->", from: index) {
          index = end + 3
          continue
        }
        if starts("<script", at: index), let end = find("</script>", from: index) {
          index = end + 9
          continue
        }
        guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { break }
        output.append(UInt8(ascii: " "))
        index = close + 1
        continue
      }
      if byte == UInt8(ascii: "&"),
        let semicolon = bytes[index..<min(bytes.count, index + 10)].firstIndex(
          of: UInt8(ascii: ";")),
        let decoded = decodeEntity(String(decoding: bytes[(index + 1)..<semicolon], as: UTF8.self))
      {
        output += Array(decoded.utf8)
        index = semicolon + 1
        continue
      }
      output.append(byte)
      index += 1
    }
    return String(decoding: output, as: UTF8.self).split(whereSeparator: \.isWhitespace)
      .joined(separator: " ")
  }

  static func decodeEntity(_ entity: String) -> String? {
    switch entity {
    case "lt": return "<"
    case "gt": return ">"
    case "amp": return "&"
    case "quot": return "\""
    case "apos": return "'"
    case "nbsp": return " "
    default:
      if entity.hasPrefix("#x") || entity.hasPrefix("#X"),
        let value = UInt32(entity.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value)
      {
        return String(Character(scalar))
      }
      if entity.hasPrefix("#"), let value = UInt32(entity.dropFirst()),
        let scalar = Unicode.Scalar(value)
      {
        return String(Character(scalar))
      }
      return nil
    }
  }
}
