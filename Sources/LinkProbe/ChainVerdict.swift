import Foundation
import SwiftASN1
import X509

/// Judges a certificate chain as served, telling apart what Atlassian's check folds into
/// "untrusted": an expired certificate, a wrong host name, a self-signed certificate, a missing
/// intermediate and an untrusted root.
struct ChainVerdict: Sendable {
  var problems: [String] = []
  var summary: String
  var evidence: [String] = []

  static func judge(
    served ders: [[UInt8]], host: String, roots: [Certificate], rootsSource: String, now: Date
  ) async -> ChainVerdict {
    var evidence: [String] = []
    var chain: [Certificate] = []
    for (index, der) in ders.enumerated() {
      guard let certificate = try? Certificate(derEncoded: der) else {
        return ChainVerdict(
          problems: ["ssl_untrusted"],
          summary: "certificate \(index) as served does not parse", evidence: evidence)
      }
      chain.append(certificate)
      if index < 10 { evidence.append("certificate \(index): " + describe(certificate)) }
    }
    guard let leaf = chain.first else {
      return ChainVerdict(problems: ["ssl_untrusted"], summary: "the server sent no certificate")
    }
    if ders.count > 10 { evidence.append("... and \(ders.count - 10) more certificates") }
    if ders.count >= 20 { evidence.append("the chain was cut at 20 certificates") }
    evidence.append("verified against " + rootsSource)

    if let expired = chain.enumerated().first(where: {
      now > $0.element.notValidAfter || now < $0.element.notValidBefore
    }) {
      let certificate = expired.element
      let when =
        now > certificate.notValidAfter
        ? "expired on \(stamp(certificate.notValidAfter))"
        : "not valid before \(stamp(certificate.notValidBefore))"
      return ChainVerdict(
        problems: ["ssl_certificate_expired"],
        summary: "certificate \(expired.offset) (\(certificate.subject)) \(when)",
        evidence: evidence)
    }

    if !matches(leaf, host: host) {
      return ChainVerdict(
        problems: ["ssl_hostname_unmatched"],
        summary: "the certificate does not name \(host); it names \(names(leaf))",
        evidence: evidence)
    }

    var trust = Verifier(rootCertificates: CertificateStore(roots)) {
      RFC5280Policy()
    }
    let intermediates = CertificateStore(chain.dropFirst())
    switch await trust.validate(leaf: leaf, intermediates: intermediates) {
    case .validCertificate(let validated):
      let anchor = Array(validated).last.map { "\($0.subject)" } ?? "?"
      return ChainVerdict(
        summary: "chain of \(chain.count) verified up to \(anchor), valid for \(host)",
        evidence: evidence)
    case .couldNotValidate:
      let rootSubjects = Set(roots.map(\.subject))
      let servedSubjects = Set(chain.map(\.subject))
      let summary: String
      if chain.count == 1 && leaf.subject == leaf.issuer {
        summary = "self-signed certificate (\(leaf.subject)), not in the truststore"
      } else if chain.count == 1, !servedSubjects.contains(leaf.issuer),
        !rootSubjects.contains(leaf.issuer)
      {
        summary =
          "missing intermediate: only the server's own certificate is served, and its issuer "
          + "\(leaf.issuer) is not in the truststore"
      } else if ders.count >= 20 {
        summary =
          "a chain of 20 certificates or more was served; the first 20 lead to no trusted root"
      } else {
        let top = chain.last.map { "\($0.issuer)" } ?? "?"
        summary = "untrusted root: the chain leads to \(top), which is not in the truststore"
      }
      return ChainVerdict(problems: ["ssl_untrusted"], summary: summary, evidence: evidence)
    }
  }

  /// RFC 6125 matching as Java's HTTPS check does it: the subject alternative names (a
  /// wildcard only as the whole leftmost label), else the common name.
  static func matches(_ certificate: Certificate, host: String) -> Bool {
    let host = host.lowercased()
    var dnsNames: [String] = []
    var addresses: [String] = []
    if let alternatives = try? certificate.extensions.subjectAlternativeNames {
      for name in alternatives {
        switch name {
        case .dnsName(let dns): dnsNames.append(dns.lowercased())
        case .ipAddress(let bytes): addresses.append(address(Array(bytes.bytes)))
        default: continue
        }
      }
    }
    if NameResolution.isLiteralAddress(host) { return addresses.contains(host) }
    if dnsNames.isEmpty && addresses.isEmpty {
      dnsNames = names(certificate).split(separator: ", ").compactMap {
        $0.hasPrefix("CN:") ? String($0.dropFirst(3)).lowercased() : nil
      }
    }
    return dnsNames.contains { pattern in
      if pattern == host { return true }
      guard pattern.hasPrefix("*."), let dot = host.firstIndex(of: ".") else { return false }
      return host[dot...] == pattern.dropFirst(1) && host[..<dot].count > 0
    }
  }

  static func address(_ bytes: [UInt8]) -> String {
    if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
    var words: [String] = []
    for index in stride(from: 0, to: bytes.count - 1, by: 2) {
      words.append(String(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]), radix: 16))
    }
    return words.joined(separator: ":")
  }

  static func describe(_ certificate: Certificate) -> String {
    "subject \(certificate.subject); issuer \(certificate.issuer); valid "
      + "\(stamp(certificate.notValidBefore)) to \(stamp(certificate.notValidAfter)); "
      + "names \(names(certificate))"
  }

  static func names(_ certificate: Certificate) -> String {
    var names: [String] = []
    if let alternatives = try? certificate.extensions.subjectAlternativeNames {
      for name in alternatives {
        switch name {
        case .dnsName(let dns): names.append("DNS:\(dns)")
        case .ipAddress(let bytes): names.append("IP:" + address(Array(bytes.bytes)))
        default: continue
        }
      }
    }
    if names.isEmpty {
      for rdn in certificate.subject {
        for attribute in rdn where attribute.type == .RDNAttributeType.commonName {
          names.append("CN:\(attribute.value)")
        }
      }
    }
    return names.isEmpty ? "(none)" : names.joined(separator: ", ")
  }

  static func stamp(_ date: Date) -> String {
    date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false))
  }
}
