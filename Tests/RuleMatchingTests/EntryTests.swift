import KnowledgeBase
import TestSupport
import Testing

@testable import LogRules
@testable import LogScanning
@testable import RuleMatching

/// A rule set of its own, apart from the catalogue: one problem found by `BOOM`, one layout.
private let entryRules: RuleSet = {
  let problem = ProblemInfo(
    id: "boom", title: "Boom", summary: "S.", meaning: "M.", category: "link-configuration",
    categoryTitle: "Link configuration", oauthProblem: nil, linkStatusTypes: [],
    logMessage: "BOOM", causes: [], products: [], url: "problems/boom.html")
  let product = ProductInfo(
    id: "acme", name: "Acme", applicationLogs: [], webServerLogs: [], logFiles: [],
    loggerPrefixes: [], logFilePrefixes: [])
  return RuleSet(
    catalogueVersion: "test", problems: [problem], products: [product],
    rules: [
      Rule(
        id: "boom.message-1", problem: "boom", shape: "message", basis: .wording,
        literals: ["BOOM"],
        pattern: "BOOM", captures: [], priority: 10)
    ],
    extractors: [], derived: [],
    layouts: [
      LineLayout(
        id: "acme", product: "acme",
        pattern: "^([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}) (INFO|WARN) \\[([^\\]]*)\\] ",
        captures: ["log_time", "level", "thread"])
    ])
}()
private let entryMatcher = try! RuleMatcher(entryRules)

private func scan(
  _ text: String, blockBytes: Int = 1 << 20, maxLineBytes: Int = 1 << 20, context: Int = 0
) throws -> [Finding] {
  let scanner = LogScanner(
    matcher: entryMatcher, maxLineBytes: maxLineBytes, blockBytes: blockBytes,
    contextLines: context)
  var found: [Finding] = []
  _ = try scanner.scan(text: text, source: "x.log") { found.append($0) }
  return found
}

/// Each line on its own, carrying the entry of the last line a layout matched.
private func reference(_ text: String, maxLineBytes: Int = 1 << 20) -> [(Int, [String: String])] {
  var lines = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false)
  if lines.last?.isEmpty == true { lines.removeLast() }
  var entry: EntryFields?
  var found: [(Int, [String: String])] = []
  for (index, line) in lines.enumerated() {
    var cut = line.prefix(maxLineBytes)
    if cut.last == 0x0D { cut.removeLast() }
    let text = String(decoding: cut, as: UTF8.self)
    if let match = entryMatcher.match(line: text, source: "x.log", entry: entry) {
      found.append((index + 1, match.fields))
    }
    entry = entryMatcher.entryFields(of: text) ?? entry
  }
  return found
}

private let trace = """
  BOOM before any entry
  2024-03-05 14:02 WARN [exec-1] request failed
  java.lang.IllegalStateException: BOOM
  \tat a.b.C.d(C.java:1)
  Caused by: BOOM again
  2024-03-05 14:03 INFO [exec-2] BOOM on the entry line
  \t... 3 more BOOM

  """

@Test func continuationLinesCarryTheirEntrysFields() throws {
  let found = try scan(trace)
  #expect(found.map(\.line) == [1, 3, 5, 6, 7])
  #expect(found[0].fields.isEmpty, "no entry before the first line")
  let first = [
    "log_time": "2024-03-05 14:02", "level": "WARN", "thread": "exec-1", "product": "acme",
  ]
  #expect(found[1].fields == first)
  #expect(found[2].fields == first)
  let second = [
    "log_time": "2024-03-05 14:03", "level": "INFO", "thread": "exec-2", "product": "acme",
  ]
  #expect(found[3].fields == second)
  #expect(found[4].fields == second)
}

@Test(arguments: [1, 2, 5, 17, 64, 1 << 20])
func entriesDoNotDependOnHowTheBytesArrive(blockBytes: Int) throws {
  let text = String(repeating: trace, count: 5) + "\r\n2024-03-05 14:04 WARN [t] x\r\nBOOM\r\n"
  let found = try scan(text, blockBytes: blockBytes)
  let expected = reference(text)
  #expect(found.map(\.line) == expected.map(\.0))
  #expect(found.map(\.fields) == expected.map(\.1))
}

@Test func anOverLongEntryLineStillStartsItsEntry() throws {
  let long = "2024-03-05 14:02 WARN [exec-9] " + String(repeating: "x", count: 300)
  let text = "2024-03-05 14:01 INFO [exec-1] start\n\(long)\nBOOM\n"
  for block in [7, 64, 4096] {
    let found = try scan(text, blockBytes: block, maxLineBytes: 100)
    #expect(found.map(\.line) == [3], "block \(block)")
    #expect(found.first?.fields["thread"] == "exec-9", "block \(block)")
  }
}

@Test func contextIsTheLinesAroundEachFinding() throws {
  let lines = (1...12).map { $0 == 3 || $0 == 5 || $0 == 12 ? "line \($0) BOOM" : "line \($0)" }
  let text = lines.joined(separator: "\n") + "\n"
  for block in [3, 16, 1 << 20] {
    let found = try scan(text, blockBytes: block, context: 2)
    #expect(found.map(\.line) == [3, 5, 12], "block \(block)")
    #expect(found[0].before == ["line 1", "line 2"])
    #expect(found[0].after == ["line 4", "line 5 BOOM"])
    #expect(found[1].before == ["line 3 BOOM", "line 4"])
    #expect(found[1].after == ["line 6", "line 7"])
    #expect(found[2].before == ["line 10", "line 11"])
    #expect(found[2].after.isEmpty, "the input ends")
  }
  let first = try scan("BOOM\nnext", context: 3)
  #expect(first.first?.before == [] && first.first?.after == ["next"])
}

@Test func withoutContextFindingsCarryNone() throws {
  #expect(try scan(trace).allSatisfy { $0.before.isEmpty && $0.after.isEmpty })
}

@Test func layoutShapesAreReadFromThePatternsFixedStart() {
  let time = LayoutShape(pattern: "^([0-9]{4}-[0-9]{2}) (INFO|WARN) x")
  #expect(time.positions.count == 8, "four digits, '-', two digits, a space")
  func admits(_ shape: LayoutShape, _ line: String) -> Bool {
    var bytes = Array(line.utf8)
    return bytes.withUnsafeMutableBufferPointer { shape.admits(UnsafeBufferPointer($0)) }
  }
  #expect(admits(time, "2024-03 WARN x"))
  #expect(!admits(time, "05-Mar-2024 WARN"))
  #expect(!admits(time, "2024-03"), "shorter than the shape")
  #expect(LayoutShape(pattern: "(a|b)x").positions.isEmpty, "not anchored")
  #expect(LayoutShape(pattern: "^(a|b)x").positions.isEmpty, "an alternation first")
  #expect(LayoutShape(pattern: "^a?b").positions.isEmpty)
  #expect(LayoutShape(pattern: "^ab+c").positions.count == 2)
  #expect(LayoutShape(pattern: "^\\[[^\\]]*\\]").positions.count == 1)
  #expect(LayoutShape(pattern: "^[a-c\\-]{2}").positions.count == 2)
}

/// The shape never refuses a line its pattern matches: checked on every standard layout with
/// lines that match and lines that almost do.
@Test func aLayoutsShapeAdmitsEveryLineItMatches() throws {
  let lines =
    examples.map(\.line) + [
      "2024-03-05 14:02:11,287 main INFO  [c.a.jira.Startup] started",
      "2024-03-05 14:02:11,287 WARN [t] [x] y", "2024-03-05 14:02:11,287", "",
    ]
  for layout in ruleSet.layouts {
    let shape = LayoutShape(pattern: layout.pattern)
    #expect(!shape.positions.isEmpty, "\(layout.id)")
    let regex = try PortableRegex(layout.pattern)
    for line in lines where regex.firstMatch(in: line) != nil {
      var bytes = Array(line.utf8)
      #expect(bytes.withUnsafeMutableBufferPointer { shape.admits(UnsafeBufferPointer($0)) })
    }
  }
}

@Test(arguments: [
  ("https://jira.example.com/rest/api/2/issue", "https://jira.example.com"),
  ("HTTPS://Jira.Example.COM:443/x", "https://jira.example.com"),
  ("http://jira.example.com:80", "http://jira.example.com"),
  ("http://jira.example.com:443", "http://jira.example.com:443"),
  ("https://admin:pw@jira.example.com:8443?x#y", "https://jira.example.com:8443"),
  ("https://[2001:DB8::1]:8443/", "https://[2001:db8::1]:8443"),
  ("https://[2001:db8::1]/", "https://[2001:db8::1]"),
  ("http://jira.example.com:/x", "http://jira.example.com"),
])
func originsOfURLs(url: String, origin: String) {
  #expect(LinkOrigin.origin(of: url) == origin)
}

@Test(arguments: [
  "Jira", "ftp://x.example.com", "https://", "https://x:8x/", "https://[::1", "https://[::1]x",
  " https://x.example.com", "mailto:x@example.com",
])
func textThatIsNoURLHasNoOrigin(text: String) {
  #expect(LinkOrigin.origin(of: text) == nil)
}

@Test func theLinkComesFromTheFirstInputThatTellsOne() {
  let link = { (inputs: [String?]) in LinkOrigin.link(inputs) }
  #expect(
    link(["https://a.example.com/x", "https://b.example.com", nil, nil, nil, nil])
      == "https://a.example.com")
  #expect(
    link(["not a url", nil, "https://realm.example.com", nil, nil, "k"])
      == "https://realm.example.com")
  #expect(link([nil, nil, "Jira", "Conf.Example.com", "8443", "k"]) == "conf.example.com:8443")
  #expect(link([nil, nil, nil, "conf.example.com", nil, "k"]) == "conf.example.com")
  #expect(link([nil, nil, nil, nil, "8443", "Confluence:77"]) == "Confluence:77")
  #expect(link(["", "", "", "", "", ""]) == nil)
  #expect(link([]) == nil)
}
