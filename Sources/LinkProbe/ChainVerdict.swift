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
      evidence.append("certificate \(index): " + describe(certificate))
    }
    guard let leaf = chain.first else {
      return ChainVerdict(problems: ["ssl_untrusted"], summary: "the server sent no certificate")
    }
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

    var identity = Verifier(rootCertificates: CertificateStore([leaf])) {
      ServerIdentityPolicy(
        serverHostname: NameResolution.isLiteralAddress(host) ? nil : host,
        serverIP: NameResolution.isLiteralAddress(host) ? host : nil)
    }
    if case .couldNotValidate = await identity.validate(leaf: leaf, intermediates: CertificateStore())
    {
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
      } else if let last = chain.last, last.subject != last.issuer,
        !servedSubjects.contains(last.issuer), !rootSubjects.contains(last.issuer)
      {
        summary =
          "missing intermediate: the chain as served ends at \(last.subject), whose issuer "
          + "\(last.issuer) is neither served nor trusted"
      } else {
        let top = chain.last.map { "\($0.issuer)" } ?? "?"
        summary = "untrusted root: the chain leads to \(top), which is not in the truststore"
      }
      return ChainVerdict(problems: ["ssl_untrusted"], summary: summary, evidence: evidence)
    }
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
        case .ipAddress(let bytes): names.append("IP:" + bytes.bytes.map(String.init).joined(separator: "."))
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
