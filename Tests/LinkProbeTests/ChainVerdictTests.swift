import Crypto
import Foundation
import SwiftASN1
import Testing
import X509

@testable import LinkProbe

/// A small PKI made in memory: a root, an intermediate and leaves.
private struct TestPKI {
  let now = Date()
  let rootKey = Certificate.PrivateKey(P256.Signing.PrivateKey())
  let interKey = Certificate.PrivateKey(P256.Signing.PrivateKey())
  let leafKey = Certificate.PrivateKey(P256.Signing.PrivateKey())
  let root: Certificate
  let inter: Certificate

  init() throws {
    let rootName = try DistinguishedName { CommonName("Test Root") }
    root = try Certificate(
      version: .v3, serialNumber: .init(), publicKey: rootKey.publicKey,
      notValidBefore: now - 3600, notValidAfter: now + 86_400 * 365, issuer: rootName,
      subject: rootName, signatureAlgorithm: .ecdsaWithSHA256,
      extensions: try Certificate.Extensions {
        Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
        KeyUsage(keyCertSign: true)
      }, issuerPrivateKey: rootKey)
    inter = try Certificate(
      version: .v3, serialNumber: .init(), publicKey: interKey.publicKey,
      notValidBefore: now - 3600, notValidAfter: now + 86_400 * 365, issuer: rootName,
      subject: try DistinguishedName { CommonName("Test Intermediate") },
      signatureAlgorithm: .ecdsaWithSHA256,
      extensions: try Certificate.Extensions {
        Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
        KeyUsage(keyCertSign: true)
      }, issuerPrivateKey: rootKey)
  }

  func leaf(host: String, from: Date? = nil, until: Date? = nil, selfSigned: Bool = false) throws
    -> Certificate
  {
    let subject = try DistinguishedName { CommonName(host) }
    return try Certificate(
      version: .v3, serialNumber: .init(), publicKey: leafKey.publicKey,
      notValidBefore: from ?? now - 3600, notValidAfter: until ?? now + 86_400 * 90,
      issuer: selfSigned ? subject : inter.subject, subject: subject,
      signatureAlgorithm: .ecdsaWithSHA256,
      extensions: try Certificate.Extensions {
        SubjectAlternativeNames([.dnsName(host)])
      }, issuerPrivateKey: selfSigned ? leafKey : interKey)
  }

  func der(_ certificates: [Certificate]) throws -> [[UInt8]] {
    try certificates.map { certificate in
      var serializer = DER.Serializer()
      try serializer.serialize(certificate)
      return serializer.serializedBytes
    }
  }

  func judge(
    _ served: [Certificate], host: String = "jira.example.test", roots: [Certificate]? = nil
  )
    async throws -> ChainVerdict
  {
    await ChainVerdict.judge(
      served: try der(served), host: host, roots: roots ?? [root], rootsSource: "test roots",
      now: now)
  }
}

@Test func aGoodChainPasses() async throws {
  let pki = try TestPKI()
  let verdict = try await pki.judge([try pki.leaf(host: "jira.example.test"), pki.inter])
  #expect(verdict.problems.isEmpty, "\(verdict.summary)")
  #expect(verdict.summary.contains("verified up to CN=Test Root"))
}

@Test func eachTLSFailureIsToldApart() async throws {
  let pki = try TestPKI()
  let expired = try await pki.judge([
    try pki.leaf(host: "jira.example.test", from: pki.now - 86_400 * 60, until: pki.now - 86_400),
    pki.inter,
  ])
  #expect(expired.problems == ["ssl_certificate_expired"])
  #expect(expired.summary.contains("expired on"))

  let wrongName = try await pki.judge([try pki.leaf(host: "other.example.test"), pki.inter])
  #expect(wrongName.problems == ["ssl_hostname_unmatched"])
  #expect(wrongName.summary.contains("it names DNS:other.example.test"))

  let selfSigned = try await pki.judge([try pki.leaf(host: "jira.example.test", selfSigned: true)])
  #expect(selfSigned.problems == ["ssl_untrusted"])
  #expect(selfSigned.summary.hasPrefix("self-signed certificate"))

  let missing = try await pki.judge([try pki.leaf(host: "jira.example.test")])
  #expect(missing.problems == ["ssl_untrusted"])
  #expect(missing.summary.hasPrefix("missing intermediate"))

  let untrusted = try await pki.judge(
    [try pki.leaf(host: "jira.example.test"), pki.inter], roots: [])
  #expect(untrusted.problems == ["ssl_untrusted"])
  #expect(untrusted.summary.hasPrefix("untrusted root"))
}

@Test func hostNamesMatchAsJavaMatchesThem() throws {
  let pki = try TestPKI()
  let wildcard = try pki.leaf(host: "*.example.test")
  #expect(ChainVerdict.matches(wildcard, host: "jira.example.test"))
  #expect(!ChainVerdict.matches(wildcard, host: "jira.eu.example.test"))
  #expect(!ChainVerdict.matches(wildcard, host: "example.test"))
  #expect(ChainVerdict.matches(try pki.leaf(host: "Jira.Example.Test"), host: "jira.example.test"))
}
