import Foundation

/// An application's base URL as given to `lookup probe`, taken apart: scheme, host, port and
/// context path, the parts a remote end compares when it checks a signature.
public struct ProbeTarget: Sendable, Equatable {
  /// `http` or `https`, lower-cased.
  public var scheme: String
  /// The host name or address, lower-cased, without the brackets of an IPv6 address.
  public var host: String
  /// The port: as written, else 443 for `https` and 80 for `http`.
  public var port: Int
  /// The context path without a trailing slash: "" or "/jira".
  public var path: String
  /// Whether the port was written in the URL.
  public var explicitPort: Bool
  /// The URL as given.
  public var given: String

  /// The base URL written the way the products normalise it: no default port, no trailing
  /// slash.
  public var normalised: String {
    let defaultPort = scheme == "https" ? 443 : 80
    let shownHost = host.contains(":") ? "[\(host)]" : host
    let portPart = port == defaultPort ? "" : ":\(port)"
    return "\(scheme)://\(shownHost)\(portPart)\(path)"
  }

  /// `host:port` as a person reads it.
  public var authority: String { "\(host.contains(":") ? "[\(host)]" : host):\(port)" }

  /// A URL under the base URL; `relative` starts with a slash.
  public func url(_ relative: String) -> String { normalised + relative }

  /// Parses a base URL; the error says what is wrong with it.
  public init(_ text: String) throws(ProbeInputError) {
    given = text
    guard text.count <= 2_000 else {
      throw ProbeInputError("the URL is longer than 2000 characters")
    }
    guard let components = URLComponents(string: text), let rawScheme = components.scheme else {
      throw ProbeInputError(
        "\(text): not a URL; give the base URL, such as https://jira.example.com")
    }
    scheme = rawScheme.lowercased()
    guard scheme == "http" || scheme == "https" else {
      throw ProbeInputError(
        "\(text): the scheme is \(scheme); an application link's URL is http or https")
    }
    guard let rawHost = components.host, !rawHost.isEmpty else {
      throw ProbeInputError("\(text): no host name")
    }
    host = rawHost.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    if components.user != nil || components.password != nil {
      throw ProbeInputError(
        "\(text): holds a user name or password; give them with --user and the environment")
    }
    if let port = components.port, !(1...65_535).contains(port) {
      throw ProbeInputError("\(text): port \(port) is out of range")
    }
    explicitPort = components.port != nil
    port = components.port ?? (scheme == "https" ? 443 : 80)
    var path = components.percentEncodedPath
    while path.hasSuffix("/") { path.removeLast() }
    self.path = path
  }

  /// Observations about the URL itself, for the `url` check.
  var notes: [String] {
    var notes: [String] = []
    notes.append("scheme \(scheme), host \(host), port \(port)\(explicitPort ? "" : " (default)")")
    notes.append(path.isEmpty ? "no context path" : "context path \(path)")
    if given.hasSuffix("/") { notes.append("trailing slash dropped, as the products do") }
    if given.contains("?") || given.contains("#") {
      notes.append("query or fragment ignored: a base URL has none")
    }
    if given.range(of: "^https?:/[^/]", options: .regularExpression) != nil {
      notes.append("'http:/' with a single slash: a proxy may be collapsing '//'")
    }
    return notes
  }
}

/// Input that `lookup probe` cannot work with: a bad URL, option or truststore. The probe
/// then exits with status 2.
public struct ProbeInputError: Error, Sendable, CustomStringConvertible {
  /// What is wrong with the input, in words the probe prints.
  public var description: String
  /// An input error saying `description`.
  public init(_ description: String) { self.description = description }
}
