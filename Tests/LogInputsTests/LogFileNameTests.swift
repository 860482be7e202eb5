import LogInputs
import Testing

@Test(arguments: [
  ("atlassian-jira.log", LogFileName.Kind.log, "atlassian-jira.log"),
  ("atlassian-jira.log.3", .log, "atlassian-jira.log"),
  ("atlassian-jira.log.2.gz", .log, "atlassian-jira.log"),
  ("atlassian-jira.log.2024-03-05", .log, "atlassian-jira.log"),
  ("atlassian-fisheye-2024-03-05.log", .log, "atlassian-fisheye-2024-03-05.log"),
  ("catalina.out", .log, "catalina.out"),
  ("localhost_access_log.2024-03-05.txt", .log, "localhost_access_log.2024-03-05.txt"),
  ("ATLASSIAN-JIRA.LOG.1.GZ", .log, "ATLASSIAN-JIRA.LOG"),
  ("catalina.out.1.bz2", .log, "catalina.out"),
  ("Jira_support_2024-03-05.zip", .archive, "Jira_support_2024-03-05.zip"),
  ("logs.tar.gz", .archive, "logs.tar.gz"),
  ("logs.tgz", .archive, "logs.tgz"),
  ("application.xml", .other, "application.xml"),
  ("atlassian-jira.log.old", .other, "atlassian-jira.log.old"),
  ("atlassian-jira-gc.log.0.current", .other, "atlassian-jira-gc.log.0.current"),
  (".gz", .other, ".gz"),
])
func namesTellWhatToRead(name: String, kind: LogFileName.Kind, base: String) {
  let parsed = LogFileName("some/folder/" + name)
  #expect(parsed.name == name)
  #expect(parsed.kind == kind)
  #expect(parsed.base == base)
}

@Test func aRotatedSetIsReadOldestFirst() {
  let shuffled = [
    "logs/atlassian-jira.log", "logs/atlassian-jira.log.1", "logs/atlassian-jira.log.10",
    "logs/atlassian-jira.log.2.gz", "logs/atlassian-jira.log.3", "logs/atlassian-jira-security.log",
    "a/catalina.out", "logs/atlassian-jira.log.2024-03-04", "logs/atlassian-jira.log.2024-03-05",
  ]
  #expect(
    LogFileName.readingOrder(shuffled) == [
      "a/catalina.out", "logs/atlassian-jira-security.log",
      "logs/atlassian-jira.log.2024-03-04", "logs/atlassian-jira.log.2024-03-05",
      "logs/atlassian-jira.log.10", "logs/atlassian-jira.log.3", "logs/atlassian-jira.log.2.gz",
      "logs/atlassian-jira.log.1", "logs/atlassian-jira.log",
    ])
}

@Test func formatsAreToldByTheirBytes() {
  #expect(ByteFormat.detect([0x1F, 0x8B, 8, 0]) == .compressed("gzip"))
  #expect(ByteFormat.detect(Array("BZh91AY".utf8)) == .compressed("bzip2"))
  #expect(ByteFormat.detect([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0]) == .compressed("xz"))
  #expect(ByteFormat.detect([0x28, 0xB5, 0x2F, 0xFD, 0]) == .compressed("zstd"))
  #expect(ByteFormat.detect(Array("PK\u{3}\u{4}rest".utf8)) == .archive("zip"))
  #expect(
    ByteFormat.detect(Array("PK\u{5}\u{6}".utf8) + Array(repeating: 0, count: 18))
      == .archive("zip"))
  var tar = [UInt8](repeating: 0, count: 512)
  tar.replaceSubrange(257..<262, with: Array("ustar".utf8))
  #expect(ByteFormat.detect(tar) == .archive("tar"))
  #expect(ByteFormat.detect([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) == .unsupported("7-Zip archive"))
  #expect(ByteFormat.detect(Array("2024-03-05 14:02:11,287 WARN".utf8)) == .plain)
  #expect(ByteFormat.detect([]) == .plain)
  #expect(ByteFormat.detect([0x1F]) == .plain, "too short to be gzip")
}
