import Crypto
import Foundation
import SwiftASN1
import X509

/// Trusted certificates read from a file, as a product's Java reads its `cacerts`: a JKS
/// keystore, a PKCS#12 keystore (certificates stored without encryption), or PEM.
public struct Truststore: Sendable {
  /// Where the certificates came from, for the evidence.
  public var source: String
  /// The trusted certificates, in the order the file holds them.
  public var certificates: [Certificate]

  /// Files larger than this are not keystores.
  static let maximumSize = 16 << 20

  /// Reads `path`; `password` checks a JKS file's integrity digest (`changeit` by default,
  /// as in a JDK).
  public init(path: String, password: String = "changeit") throws(ProbeInputError) {
    let data: Data
    do {
      let attributes = try FileManager.default.attributesOfItem(atPath: path)
      if let size = attributes[.size] as? Int, size > Self.maximumSize {
        throw ProbeInputError("--truststore \(path): \(size) bytes, too large for a keystore")
      }
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch let error as ProbeInputError {
      throw error
    } catch {
      throw ProbeInputError("--truststore \(path): cannot read it (\(error.localizedDescription))")
    }
    let bytes = [UInt8](data)
    do {
      if bytes.starts(with: [0xFE, 0xED, 0xFE, 0xED]) {
        var reader = JKSReader(bytes: bytes, password: password)
        certificates = try reader.certificates()
        source = "--truststore \(path) (JKS, \(certificates.count) trusted certificates)"
      } else if String(decoding: bytes.prefix(4096), as: UTF8.self).contains("-----BEGIN") {
        certificates = try Self.pem(String(decoding: bytes, as: UTF8.self))
        source = "--truststore \(path) (PEM, \(certificates.count) certificates)"
      } else if bytes.first == 0x30 {
        certificates = try PKCS12Reader.certificates(bytes)
        source = "--truststore \(path) (PKCS#12, \(certificates.count) certificates)"
      } else {
        throw ProbeInputError("not a JKS or PKCS#12 keystore, nor PEM certificates")
      }
    } catch let error as ProbeInputError {
      throw ProbeInputError("--truststore \(path): \(error.description)")
    } catch {
      throw ProbeInputError("--truststore \(path): not a keystore it can read (\(error))")
    }
    if certificates.isEmpty {
      throw ProbeInputError("--truststore \(path): holds no trusted certificate")
    }
  }

  static func pem(_ text: String) throws -> [Certificate] {
    try PEMDocument.parseMultiple(pemString: text)
      .filter { $0.discriminator == "CERTIFICATE" }
      .prefix(10_000)
      .map { try Certificate(derEncoded: $0.derBytes) }
  }
}

/// Reads the trusted-certificate entries of a JKS keystore and checks its SHA-1 integrity
/// digest, keyed by the store password.
struct JKSReader {
  var bytes: [UInt8]
  var password: String
  private var offset = 0

  init(bytes: [UInt8], password: String) {
    self.bytes = bytes
    self.password = password
  }

  mutating func certificates() throws(ProbeInputError) -> [Certificate] {
    guard bytes.count >= 12 + 20 else { throw ProbeInputError("a JKS file cut short") }
    offset = 4
    let version = try u32()
    guard version == 1 || version == 2 else {
      throw ProbeInputError("JKS version \(version), not 1 or 2")
    }
    let count = try u32()
    guard count <= 100_000 else { throw ProbeInputError("JKS claims \(count) entries") }
    var found: [Certificate] = []
    for index in 0..<Int(count) {
      let tag = try u32()
      _ = try utf()  // alias
      offset += 8  // timestamp
      switch tag {
      case 1:  // a private key and its chain: not a trust anchor
        offset += Int(try u32())
        let chain = try u32()
        for _ in 0..<chain {
          if version == 2 { _ = try utf() }
          offset += Int(try u32())
        }
      case 2:
        if version == 2 { _ = try utf() }
        let der = try take(Int(try u32()))
        do { found.append(try Certificate(derEncoded: der)) } catch {
          throw ProbeInputError("JKS entry \(index + 1) holds a certificate that does not parse")
        }
      default:
        throw ProbeInputError("JKS entry \(index + 1) has the unknown tag \(tag)")
      }
      guard offset <= bytes.count - 20 else { throw ProbeInputError("a JKS file cut short") }
    }
    guard offset == bytes.count - 20 else {
      throw ProbeInputError("bytes after the last JKS entry: a damaged file")
    }
    var hash = Insecure.SHA1()
    var key: [UInt8] = []
    for unit in password.utf16 { key += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
    hash.update(data: key)
    hash.update(data: Array("Mighty Aphrodite".utf8))
    hash.update(data: bytes[..<offset])
    guard Array(hash.finalize()) == Array(bytes[offset...]) else {
      throw ProbeInputError(
        "the JKS integrity digest does not match: a wrong password "
          + "(LOOKUP_PROBE_TRUSTSTORE_PASSWORD; a JDK's is changeit) or a damaged file")
    }
    return found
  }

  private mutating func take(_ count: Int) throws(ProbeInputError) -> [UInt8] {
    guard count >= 0, offset + count <= bytes.count else {
      throw ProbeInputError("a JKS file cut short")
    }
    defer { offset += count }
    return Array(bytes[offset..<offset + count])
  }

  private mutating func u32() throws(ProbeInputError) -> UInt32 {
    try take(4).reduce(0) { $0 << 8 | UInt32($1) }
  }

  private mutating func utf() throws(ProbeInputError) -> [UInt8] {
    let length = try take(2).reduce(0) { $0 << 8 | Int($1) }
    return try take(length)
  }
}

/// Reads the certificate bags of a PKCS#12 file that are stored without encryption.
enum PKCS12Reader {
  static let data: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 1]
  static let encryptedData: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 6]
  static let certBag: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 12, 10, 1, 3]

  static func certificates(_ bytes: [UInt8]) throws -> [Certificate] {
    let pfx = try BER.parse(bytes)
    guard case .constructed(let parts) = pfx.content else { throw ProbeInputError("not PKCS#12") }
    let fields = Array(parts)
    guard fields.count >= 2 else { throw ProbeInputError("not PKCS#12") }
    let safes = try BER.parse(try octets(ofData: fields[1]))
    guard case .constructed(let contentInfos) = safes.content else {
      throw ProbeInputError("not PKCS#12")
    }
    var found: [Certificate] = []
    var encrypted = 0
    for info in contentInfos {
      guard case .constructed(let pair) = info.content, let type = Array(pair).first else {
        continue
      }
      let oid = try ASN1ObjectIdentifier(derEncoded: type)
      if oid == encryptedData {
        encrypted += 1
        continue
      }
      guard oid == data else { continue }
      let bags = try BER.parse(try octets(ofData: info))
      guard case .constructed(let bagList) = bags.content else { continue }
      for bag in bagList {
        guard case .constructed(let bagParts) = bag.content else { continue }
        let bagFields = Array(bagParts)
        guard bagFields.count >= 2, try ASN1ObjectIdentifier(derEncoded: bagFields[0]) == certBag,
          case .constructed(let wrapped) = bagFields[1].content,
          let certBagNode = Array(wrapped).first,
          case .constructed(let certBagParts) = certBagNode.content
        else { continue }
        let certFields = Array(certBagParts)
        guard certFields.count >= 2, case .constructed(let valueWrap) = certFields[1].content,
          let value = Array(valueWrap).first
        else { continue }
        let der = try ASN1OctetString(berEncoded: value).bytes
        found.append(try Certificate(derEncoded: Array(der)))
      }
    }
    if found.isEmpty && encrypted > 0 {
      throw ProbeInputError(
        "a PKCS#12 file whose certificates are encrypted; export them with "
          + "keytool -exportcert -rfc and give the PEM file")
    }
    return found
  }

  /// The bytes of a ContentInfo of type data: `[0] EXPLICIT OCTET STRING`.
  private static func octets(ofData node: ASN1Node) throws -> [UInt8] {
    guard case .constructed(let pair) = node.content else { throw ProbeInputError("not PKCS#12") }
    let fields = Array(pair)
    guard fields.count == 2, case .constructed(let wrapped) = fields[1].content,
      let inner = Array(wrapped).first
    else { throw ProbeInputError("not PKCS#12") }
    return Array(try ASN1OctetString(berEncoded: inner).bytes)
  }
}
