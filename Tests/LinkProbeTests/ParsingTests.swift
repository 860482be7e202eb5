import Foundation
import Testing

@testable import LinkProbe

@Test func urlsAreTakenApart() throws {
  let target = try ProbeTarget("HTTPS://Jira.Example.COM/jira/")
  #expect(target.scheme == "https")
  #expect(target.host == "jira.example.com")
  #expect(target.port == 443)
  #expect(target.path == "/jira")
  #expect(target.normalised == "https://jira.example.com/jira")
  #expect(try ProbeTarget("http://confluence:8090").normalised == "http://confluence:8090")
  #expect(try ProbeTarget("https://jira.example.com:443").normalised == "https://jira.example.com")
  #expect(try ProbeTarget("http://[::1]:8080").authority == "[::1]:8080")
}

@Test func badURLsAreRefusedWithAReason() {
  for (text, reason) in [
    ("ftp://jira.example.com", "the scheme is ftp"), ("jira.example.com", "not a URL"),
    ("https://", "no host name"), ("https://admin:secret@jira.example.com", "--user"),
    ("https://jira.example.com:99999", "out of range"),
  ] {
    #expect {
      try ProbeTarget(text)
    } throws: { error in
      String(describing: error).contains(reason)
    }
  }
}

@Test func manifestsAreRead() throws {
  let xml = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <manifest><id>da27e63d-1539-3159-9f9f-7d07dc24f532</id><name>Jira &amp; Co</name>\
    <typeId>jira</typeId><version>9.12.2</version><buildNumber>912002</buildNumber>\
    <applinksVersion>9.1.3</applinksVersion>\
    <inboundAuthenticationTypes>com.atlassian.applinks.api.auth.types.OAuthAuthenticationProvider</inboundAuthenticationTypes>\
    <inboundAuthenticationTypes>placeholder.to.ensure.backwards.compatibility</inboundAuthenticationTypes>\
    <outboundAuthenticationTypes/><publicSignup>false</publicSignup>\
    <url>https://jira.example.com</url></manifest>
    """
  let manifest = try Manifest.parse(xml).get()
  #expect(manifest.name == "Jira & Co")
  #expect(manifest.applinksVersion == "9.1.3")
  #expect(manifest.inboundAuthenticationTypes.count == 2)
  #expect(manifest.outboundAuthenticationTypes == [""])
  #expect(manifest.url == "https://jira.example.com")
}

@Test func hostileManifestsAreRefusedUnread() {
  let bomb = """
    <?xml version="1.0"?><!DOCTYPE manifest [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>
    <manifest><url>&b;</url></manifest>
    """
  #expect(throws: ManifestError.self) { try Manifest.parse(bomb).get() }
  #expect(throws: ManifestError.self) {
    try Manifest.parse("<html><body>Login</body></html>").get()
  }
  #expect(throws: ManifestError.self) { try Manifest.parse("not xml at all").get() }
  // A long body of one unclosed element is read in bounded time.
  let long = "<manifest>" + String(repeating: "<a>", count: 200_000)
  #expect(throws: ManifestError.self) { try Manifest.parse(long).get() }
}

@Test func versionsCompareNumberByNumber() {
  #expect(DottedVersion("4.0.12")! < DottedVersion(4, 0, 13))
  #expect(DottedVersion("5.0.5")! >= DottedVersion(5, 0, 5))
  #expect(DottedVersion("9.4.0-m0003")! > DottedVersion(5, 0, 5))
  #expect(DottedVersion("10")! > DottedVersion(9, 9, 9))
  #expect(DottedVersion("x") == nil)
}

@Test func applicationIDsAreJavasNameUUIDs() {
  // Python: the MD5 of the bytes with the version-3 and variant bits set, as the probe test.
  #expect(
    ApplicationID.fromBaseURL("https://jira.example.com") == "da27e63d-1539-3159-9f9f-7d07dc24f532")
  #expect(
    ApplicationID.fromBaseURL("https://jira.example.com/") == "da27e63d-1539-3159-9f9f-7d07dc24f532"
  )
}

@Test func httpDatesAreRead() {
  let date = EndProbe.httpDate("Wed, 02 Dec 2026 16:00:00 GMT")
  #expect(date == Date(timeIntervalSince1970: 1_796_227_200))
  #expect(EndProbe.httpDate("yesterday") == nil)
}

@Test func credentialsAreNeverPrinted() {
  let credentials = Credentials(user: "admin", secret: "s3cret")
  #expect(!String(describing: credentials).contains("s3cret"))
  #expect(credentials.authorization == "Basic YWRtaW46czNjcmV0")
  #expect(Credentials(user: nil, secret: "tok").authorization == "Bearer tok")
}

@Test func credentialsStayOffPlainHTTPToOtherHosts() throws {
  var settings = ProbeSettings()
  settings.credentials = Credentials(user: "admin", secret: "x")
  let ruleSet = RuleSetFixture.ruleSet
  let remote = LinkProbe(
    targets: [try ProbeTarget("http://jira.example.com")], settings: settings, ruleSet: ruleSet)
  #expect(throws: ProbeInputError.self) { try remote.validate() }
  let loopback = LinkProbe(
    targets: [try ProbeTarget("http://127.0.0.1:8080")], settings: settings, ruleSet: ruleSet)
  try loopback.validate()
  settings.allowHTTPCredentials = true
  let allowed = LinkProbe(
    targets: [try ProbeTarget("http://jira.example.com")], settings: settings, ruleSet: ruleSet)
  try allowed.validate()
}

@Test func invalidNamesNeverReachTheResolver() async {
  let answer = await NameResolution(overrides: [:]).resolve("jira.example.invalid")
  guard case .notFound(let why) = answer else {
    Issue.record("resolved")
    return
  }
  #expect(why.contains("RFC 6761"))
  let mapped = await NameResolution(overrides: ["jira.example.test": "127.0.0.1"]).resolve(
    "jira.example.test")
  #expect(mapped == .addresses(["127.0.0.1"], how: "from --resolve"))
}
