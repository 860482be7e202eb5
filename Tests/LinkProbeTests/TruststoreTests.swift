import Foundation
import Testing

@testable import LinkProbe

/// Made by `keytool -importcert -storetype JKS -storepass changeit` (JDK 17): one trusted
/// certificate entry, CN=x.
private let trustedJKS = """
  /u3+7QAAAAIAAAABAAAAAgAHdHJ1c3RlZAAAAaI3fHlSAAVYLjUwOQAAATIwggEuMIHWoAMCAQICCQCHsrhPtP2VODAKBggq\
  hkjOPQQDAjAMMQowCAYDVQQDEwF4MB4XDTI2MTIwMjE2MDAzM1oXDTI3MDMwMjE2MDAzM1owDDEKMAgGA1UEAxMBeDBZMBMG\
  ByqGSM49AgEGCCqGSM49AwEHA0IABINA+ivkGpHOUQ5QWq5qhKYPJ4UHZ50t2NQkZN96x0Eyp1tMJ/r0lnXEG52uMbXSOAb1\
  OO1K4iwt7ybjAN+BxrWjITAfMB0GA1UdDgQWBBTTXV5xhYmuYW12fmoRzqOIpKS5WjAKBggqhkjOPQQDAgNHADBEAiA767s2\
  sNXjHowA1wJsgasXYdpTC9Ejd3i4FjysXwAeZgIgWZ3RkGhfl7UX4Tr+kUvwdnFtjPDT3FEKxGcu5h2SLkZM4bTPWpDGhhZ5\
  XFwZZY1bfsYd2g==
  """

/// Made by `keytool -genkeypair -storetype JKS`: a private-key entry only, no trusted one.
private let keyOnlyJKS = """
  /u3+7QAAAAIAAAABAAAAAQABeAAAAaI3fHXqAAAAfzB9MA4GCisGAQQBKgIRAQEFAARrB0TIDlrfN4je0t35y+EQvaNbl8Pk\
  tiZAfTzH+usXONPtPAG2h7QHVJ2fmyvp7jnIVuWceZ3yn9AyQHMqveB13bsD5MbObX1FFFKXBpKWE28MfywyLNHT96jQhevm\
  q+B4GHC57td3HJIjfzwAAAABAAVYLjUwOQAAATIwggEuMIHWoAMCAQICCQCHsrhPtP2VODAKBggqhkjOPQQDAjAMMQowCAYD\
  VQQDEwF4MB4XDTI2MTIwMjE2MDAzM1oXDTI3MDMwMjE2MDAzM1owDDEKMAgGA1UEAxMBeDBZMBMGByqGSM49AgEGCCqGSM49\
  AwEHA0IABINA+ivkGpHOUQ5QWq5qhKYPJ4UHZ50t2NQkZN96x0Eyp1tMJ/r0lnXEG52uMbXSOAb1OO1K4iwt7ybjAN+BxrWj\
  ITAfMB0GA1UdDgQWBBTTXV5xhYmuYW12fmoRzqOIpKS5WjAKBggqhkjOPQQDAgNHADBEAiA767s2sNXjHowA1wJsgasXYdpT\
  C9Ejd3i4FjysXwAeZgIgWZ3RkGhfl7UX4Tr+kUvwdnFtjPDT3FEKxGcu5h2SLkbu/IGuwdjScri1B7VYfssrYeTYNw==
  """

private func file(_ bytes: Data) throws -> String {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("truststore-\(UUID().uuidString)").path
  try bytes.write(to: URL(fileURLWithPath: path))
  return path
}

@Test func jksTrustedCertificatesAreRead() throws {
  let path = try file(Data(base64Encoded: trustedJKS)!)
  defer { try? FileManager.default.removeItem(atPath: path) }
  let store = try Truststore(path: path)
  #expect(store.certificates.count == 1)
  #expect(store.source.contains("JKS, 1 trusted certificates"))
}

@Test func jksWithAWrongPasswordIsNamed() throws {
  let path = try file(Data(base64Encoded: trustedJKS)!)
  defer { try? FileManager.default.removeItem(atPath: path) }
  #expect {
    try Truststore(path: path, password: "wrong")
  } throws: { error in
    String(describing: error).contains("integrity digest does not match")
  }
}

@Test func jksWithoutTrustedCertificatesIsRefused() throws {
  let path = try file(Data(base64Encoded: keyOnlyJKS)!)
  defer { try? FileManager.default.removeItem(atPath: path) }
  #expect {
    try Truststore(path: path)
  } throws: { error in
    String(describing: error).contains("holds no trusted certificate")
  }
}

@Test func damagedKeystoresAreRefusedWithAReason() throws {
  let good = Data(base64Encoded: trustedJKS)!
  for (bytes, reason) in [
    (good.prefix(40), "cut short"), (Data("hello".utf8), "not a JKS"),
    (Data([0x30, 0x03, 0x02, 0x01, 0x03]), "not PKCS#12"),
    (
      Data([0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2, 0xFF, 0xFF, 0xFF, 0xFF]) + Data(count: 40), "claims"
    ),
  ] {
    let path = try file(bytes)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect {
      try Truststore(path: path)
    } throws: { error in
      String(describing: error).contains(reason)
    }
  }
}
