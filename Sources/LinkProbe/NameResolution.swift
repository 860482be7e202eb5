import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The addresses a host name resolves to, from `--resolve`, RFC 6761's reserved names, or the
/// system resolver.
struct NameResolution: Sendable {
  var overrides: [String: String]

  enum Answer: Sendable, Equatable {
    case addresses([String], how: String)
    case notFound(String)
  }

  func resolve(_ host: String) async -> Answer {
    if let address = overrides[host] { return .addresses([address], how: "from --resolve") }
    if Self.isLiteralAddress(host) { return .addresses([host], how: "an address, not a name") }
    // RFC 6761: names under .invalid never exist; resolvers must not ask the network.
    if host == "invalid" || host.hasSuffix(".invalid") {
      return .notFound("\(host) is under .invalid, a name that never exists (RFC 6761)")
    }
    return await withCheckedContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(returning: Self.system(host)) }
    }
  }

  static func isLiteralAddress(_ host: String) -> Bool {
    var v4 = in_addr()
    var v6 = in6_addr()
    return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
  }

  static func isLoopback(_ address: String) -> Bool {
    address.hasPrefix("127.") || address == "::1" || address == "localhost"
  }

  private static func system(_ host: String) -> Answer {
    var hints = addrinfo()
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var result: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, nil, &hints, &result)
    guard status == 0, let first = result else {
      return .notFound("\(host): \(String(cString: gai_strerror(status)))")
    }
    defer { freeaddrinfo(first) }
    var addresses: [String] = []
    var cursor: UnsafeMutablePointer<addrinfo>? = first
    while let info = cursor {
      var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
      if getnameinfo(
        info.pointee.ai_addr, info.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0,
        NI_NUMERICHOST) == 0
      {
        let address = String(
          decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if !addresses.contains(address) { addresses.append(address) }
      }
      cursor = info.pointee.ai_next
    }
    return addresses.isEmpty ? .notFound("\(host): no address") : .addresses(addresses, how: "DNS")
  }
}
