import Foundation
import Mustache

/// A build failure that names the file (and line) at fault.
public struct BuildError: Error, Sendable, CustomStringConvertible {
  /// The file or folder at fault, as a path.
  public var file: String
  /// The line of the file, when one is to blame.
  public var line: Int?
  /// What is wrong, in words.
  public var message: String

  /// A build error in `file` (at `line`, when given).
  public init(file: String, line: Int? = nil, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// `file:line: message`, or `file: message` without a line.
  public var description: String {
    "\(file)\(line.map { ":\($0)" } ?? ""): \(message)"
  }
}

/// The Mustache templates of `Templates/`, parsed and checked before anything is rendered.
public struct TemplateSet: Sendable {
  /// The folder the templates were read from (`Templates/`).
  public let folder: URL
  let library: MustacheLibrary
  /// Template name (`html/problem`) to its text, for field checks.
  let sources: [String: String]

  /// Loads every `*.mustache` below `folder`, named by relative path without the extension.
  public init(folder: URL) throws {
    self.folder = folder
    var library = MustacheLibrary()
    var sources: [String: String] = [:]
    let files = try Self.templateFiles(in: folder)
    if files.isEmpty {
      throw BuildError(file: folder.path, message: "no *.mustache templates found")
    }
    for (name, url) in files {
      let text: String
      do { text = try String(contentsOf: url, encoding: .utf8) } catch {
        throw BuildError(
          file: Self.display(url), message: "cannot read template: \(error.localizedDescription)")
      }
      do {
        library.register(try MustacheTemplate(string: text), named: name)
      } catch let error as MustacheTemplate.ParserError {
        throw BuildError(
          file: Self.display(url), line: error.context.lineNumber,
          message:
            "template syntax error (\(error.error)) at column \(error.context.columnNumber): \(error.context.line.trimmingCharacters(in: .whitespaces))"
        )
      }
      sources[name] = text
    }
    self.library = library
    self.sources = sources
  }

  static func templateFiles(in folder: URL) throws -> [(String, URL)] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw BuildError(file: folder.path, message: "templates folder not found")
    }
    guard
      let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    else {
      return []
    }
    var files: [(String, URL)] = []
    let base = folder.standardizedFileURL.path
    for case let url as URL in enumerator where url.pathExtension == "mustache" {
      let path = url.standardizedFileURL.path
      let relative =
        path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : url.lastPathComponent
      files.append((String(relative.dropLast(".mustache".count)), url))
    }
    return files.sorted { $0.0 < $1.0 }
  }

  static func display(_ url: URL) -> String {
    let cwd = FileManager.default.currentDirectoryPath + "/"
    let path = url.standardizedFileURL.path
    return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
  }

  func file(of name: String) -> String {
    Self.display(folder.appendingPathComponent(name + ".mustache"))
  }

  /// Renders template `name`; a missing template is an error naming it. `object` is best a
  /// ``TemplateContext`` (dictionaries), which Mustache reads without reflection.
  func render(_ object: Any, template name: String) throws -> String {
    guard let output = library.render(object, withTemplate: name) else {
      throw BuildError(file: file(of: name), message: "template is missing")
    }
    return output
  }

  /// Refuses tags that name a field no view model has, or a partial that does not exist, so a
  /// typo fails the build instead of rendering an empty string.
  func checkFields(known: Set<String>) throws {
    for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
      for tag in MustacheTags.scan(text) {
        switch tag.kind {
        case .comment: continue
        case .partial:
          if sources[tag.name] == nil {
            throw BuildError(
              file: file(of: name), line: tag.line, message: "partial '\(tag.name)' does not exist")
          }
        case .field:
          if tag.name == "." { continue }
          for part in tag.name.split(separator: ".") where !known.contains(String(part)) {
            throw BuildError(
              file: file(of: name), line: tag.line,
              message: "unknown field '\(tag.name)': no view model has a field '\(part)'")
          }
        }
      }
    }
  }
}

/// The tags of a Mustache template, with their line numbers.
enum MustacheTags {
  struct Tag {
    enum Kind { case field, partial, comment }
    var kind: Kind
    var name: String
    var line: Int
  }

  static func scan(_ text: String) -> [Tag] {
    var tags: [Tag] = []
    var rest = Substring(text)
    var line = 1
    while let open = rest.range(of: "{{") {
      line += rest[..<open.lowerBound].filter(\.isNewline).count
      let afterOpen = rest[open.upperBound...]
      guard let close = afterOpen.range(of: "}}") else { break }
      var body = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      let tagLine = line
      line += afterOpen[..<close.upperBound].filter(\.isNewline).count
      rest = afterOpen[close.upperBound...]
      if rest.first == "}" { rest = rest.dropFirst() }
      guard let sigil = body.first else { continue }
      switch sigil {
      case "!": tags.append(Tag(kind: .comment, name: "", line: tagLine))
      case ">":
        tags.append(
          Tag(
            kind: .partial, name: body.dropFirst().trimmingCharacters(in: .whitespaces),
            line: tagLine))
      default:
        if "#^/&{".contains(sigil) { body = body.dropFirst().trimmingCharacters(in: .whitespaces) }
        tags.append(Tag(kind: .field, name: body, line: tagLine))
      }
    }
    return tags
  }
}

/// The property names reachable in a value, for checking template fields.
enum FieldNames {
  static func collect(_ value: Any, into names: inout Set<String>, depth: Int = 0) {
    guard depth < 12 else { return }
    let mirror = Mirror(reflecting: value)
    switch mirror.displayStyle {
    case .optional:
      for child in mirror.children { collect(child.value, into: &names, depth: depth + 1) }
    case .collection, .set:
      for child in mirror.children { collect(child.value, into: &names, depth: depth + 1) }
    case .struct, .class:
      for child in mirror.children {
        guard let label = child.label else { continue }
        names.insert(label)
        collect(child.value, into: &names, depth: depth + 1)
      }
    default: return
    }
  }
}

/// A view model turned, once, into the dictionaries and arrays Mustache reads directly.
/// Mustache would otherwise reflect on a struct for every tag it renders.
enum TemplateContext {
  static func make(_ value: Any) -> Any? {
    let mirror = Mirror(reflecting: value)
    switch mirror.displayStyle {
    case .optional:
      return mirror.children.first.flatMap { make($0.value) }
    case .collection, .set:
      return mirror.children.compactMap { make($0.value) }
    case .struct, .class:
      var dictionary: [String: Any] = [:]
      for child in mirror.children {
        guard let label = child.label, let converted = make(child.value) else { continue }
        dictionary[label] = converted
      }
      return dictionary
    default:
      return value
    }
  }
}
