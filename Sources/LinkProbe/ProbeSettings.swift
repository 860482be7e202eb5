import Foundation

/// How `lookup probe` runs: timeouts, the truststore, name overrides and credentials.
public struct ProbeSettings: Sendable {
  /// Each connection and each request ends after this many seconds (the products use 10).
  public var timeout: Double = 10
  /// Trusted certificates to verify TLS chains with, as the product's Java would; `nil`
  /// means the system's roots.
  public var truststore: Truststore?
  /// Host names answered without DNS, like curl's `--resolve`: `host` → address.
  public var resolve: [String: String] = [:]
  /// Administrator credentials for the status API, if given.
  public var credentials: Credentials?
  /// Whether credentials may go over plain HTTP to a host that is not loopback.
  public var allowHTTPCredentials = false
  /// The clock the probe compares remote clocks with.
  public var now: @Sendable () -> Date = { Date() }

  /// Settings as the products' defaults: 10 s timeouts, the system's roots, DNS, no credentials.
  public init() {}
}

/// Administrator credentials. Never printed: `description` hides them.
public struct Credentials: Sendable, CustomStringConvertible {
  /// `user` with `secret` as password, or a personal access token (`user` nil).
  public var user: String?
  var secret: String

  /// Basic credentials of `user`, or a personal access token `secret` when `user` is nil.
  public init(user: String?, secret: String) {
    self.user = user
    self.secret = secret
  }

  /// Who the credentials are for (`user admin`, `a personal access token`), never the secret.
  public var description: String { user.map { "user \($0)" } ?? "a personal access token" }

  var authorization: String {
    if let user { return "Basic " + Data("\(user):\(secret)".utf8).base64EncodedString() }
    return "Bearer \(secret)"
  }
}
