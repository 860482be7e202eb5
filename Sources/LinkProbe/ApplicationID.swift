import Crypto
import Foundation

/// The application id the products derive from a base URL: a version-3 (MD5, name-based)
/// UUID of the normalised URL's bytes, as Java's `UUID.nameUUIDFromBytes`.
enum ApplicationID {
  static func fromBaseURL(_ url: String) -> String {
    var normalised = url
    while normalised.hasSuffix("/") { normalised.removeLast() }
    var bytes = Array(Insecure.MD5.hash(data: Array(normalised.utf8)))
    bytes[6] = (bytes[6] & 0x0F) | 0x30
    bytes[8] = (bytes[8] & 0x3F) | 0x80
    let hex = bytes.map { String(format: "%02x", $0) }.joined()
    let parts = [
      hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4),
      hex.dropFirst(16).prefix(4), hex.dropFirst(20),
    ]
    return parts.joined(separator: "-")
  }
}
