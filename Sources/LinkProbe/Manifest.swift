import Foundation

/// An application's manifest (`/rest/applinks/1.0/manifest`): who it is, its versions, its
/// authentication types and the base URL it believes it has.
public struct Manifest: Codable, Sendable, Equatable {
  /// The application id: a UUID made from its base URL when the id was made, by which the
  /// other end knows it.
  public var id: String?
  /// The application's name, as its administrator set it.
  public var name: String?
  /// The application type (`jira`, `confluence`, `stash`).
  public var typeId: String?
  /// The product version.
  public var version: String?
  /// The product's build number.
  public var buildNumber: String?
  /// The version of the application-links plugin.
  public var applinksVersion: String?
  /// The authentication provider classes the application accepts on incoming requests.
  public var inboundAuthenticationTypes: [String] = []
  /// The authentication provider classes the application can sign outgoing requests with.
  public var outboundAuthenticationTypes: [String] = []
  /// The base URL the application believes it has.
  public var url: String?
  /// The URL of the application's icon.
  public var iconUrl: String?

  /// Reads the manifest's XML. No document type is accepted (so no entity can expand), and
  /// only the root's simple children are read.
  public static func parse(_ text: String) -> Result<Manifest, ManifestError> {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.range(of: "<!DOCTYPE", options: .caseInsensitive) != nil
      || trimmed.contains("<!ENTITY")
    {
      return .failure(ManifestError("the XML declares a document type or entities; refused unread"))
    }
    guard trimmed.hasPrefix("<"),
      let open = trimmed.range(of: "<manifest(\\s[^>]*)?>", options: .regularExpression),
      let close = trimmed.range(of: "</manifest>", options: .backwards),
      open.upperBound <= close.lowerBound
    else {
      return .failure(ManifestError("no <manifest> element"))
    }
    let inner = String(trimmed[open.upperBound..<close.lowerBound])
    var manifest = Manifest()
    let element = try! NSRegularExpression(
      pattern: "<([A-Za-z][A-Za-z0-9_.-]*)\\s*(?:/>|>([^<]*)</\\1\\s*>)")
    let range = NSRange(inner.startIndex..., in: inner)
    for match in element.matches(in: inner, range: range).prefix(1_000) {
      guard let nameRange = Range(match.range(at: 1), in: inner) else { continue }
      let value = Range(match.range(at: 2), in: inner).map { unescape(String(inner[$0])) } ?? ""
      switch String(inner[nameRange]) {
      case "id": manifest.id = value
      case "name": manifest.name = value
      case "typeId": manifest.typeId = value
      case "version": manifest.version = value
      case "buildNumber": manifest.buildNumber = value
      case "applinksVersion": manifest.applinksVersion = value
      case "inboundAuthenticationTypes": manifest.inboundAuthenticationTypes.append(value)
      case "outboundAuthenticationTypes": manifest.outboundAuthenticationTypes.append(value)
      case "url": manifest.url = value
      case "iconUrl": manifest.iconUrl = value
      default: continue
      }
    }
    return .success(manifest)
  }

  static func unescape(_ text: String) -> String {
    text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
      .replacingOccurrences(of: "&amp;", with: "&")
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// Why a body is not a manifest.
public struct ManifestError: Error, Sendable, Equatable {
  /// Why the body was refused, in words.
  public var reason: String
  /// A manifest error for `reason`.
  public init(_ reason: String) { self.reason = reason }
}

/// A dotted version such as `5.4.5` or `9.4.0-m0003`, compared number by number.
struct DottedVersion: Comparable, Sendable, CustomStringConvertible {
  var numbers: [Int]

  init?(_ text: String?) {
    guard let text else { return nil }
    let head = text.prefix { $0.isNumber || $0 == "." }
    let numbers = head.split(separator: ".").compactMap { Int($0) }
    guard !numbers.isEmpty else { return nil }
    self.numbers = numbers
  }

  init(_ numbers: Int...) { self.numbers = numbers }

  var description: String { numbers.map(String.init).joined(separator: ".") }

  static func < (lhs: DottedVersion, rhs: DottedVersion) -> Bool {
    for index in 0..<max(lhs.numbers.count, rhs.numbers.count) {
      let left = index < lhs.numbers.count ? lhs.numbers[index] : 0
      let right = index < rhs.numbers.count ? rhs.numbers[index] : 0
      if left != right { return left < right }
    }
    return false
  }
}
