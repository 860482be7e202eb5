import LogRules
import TestSupport
import Testing

// Patterns rewritten so that the work per line stays linear (Benchmarks/slow_patterns.py): a run
// stops at the character that could start the next match, and host names and ports are bounded.
// They must still read the real messages as before.

@Test func certificateSubjectWithParenthesesIsReadWhole() throws {
  let line =
    "javax.net.ssl.SSLPeerUnverifiedException: Host name 'jira.example.com' does not match the "
    + "certificate subject provided by the peer (CN=*.example.com, O=Example (Pty) Ltd, C=ZA)"
  let match = try #require(matcher.match(line: line))
  #expect(match.problem == "ssl_hostname_unmatched")
  #expect(match.fields["remote_host"] == "jira.example.com")
  #expect(match.fields["certificate_subject"] == "CN=*.example.com, O=Example (Pty) Ltd, C=ZA")
}

@Test func refusedURLWithPortAndPathNamesTheHost() throws {
  let match = try #require(
    matcher.match(line: "I/O error: Connection to https://jira.example.com:8443/rest refused"))
  #expect(match.problem == "connection_refused")
  #expect(match.fields["remote_host"] == "jira.example.com")
}

/// Lines made of a message's opening, over and over, with no match: each used to make the
/// expression run from every opening to the end of the line (quadratic time).
@Test(arguments: [
  ("Certificate for <", " doesn't match any of the subject alternative names"),
  ("hostname in certificate didn't match: <", ""),
  (
    "Host name 'x' does not match the certificate subject provided by the peer (",
    " does not match the certificate subject provided by the peer"
  ),
  ("Connect to a:1 [", " failed: Connection refused"),
  ("Connect to a:1 [", " Connect to "),
])
func repeatedOpeningsDoNotMatch(opening: String, trailer: String) {
  let line = String(repeating: opening, count: 65_536 / opening.utf8.count) + trailer
  let match = matcher.match(line: line)
  // Only a rule for the bare wording (`Connection refused`, priority 50) may still answer.
  let priority = match.flatMap { found in ruleSet.rules.first { $0.id == found.rule } }?.priority
  #expect(match == nil || priority! <= 50, "\(match?.rule ?? "")")
}

@Test func overLongHostNamesAreNotTakenAsHosts() {
  let host = String(repeating: "a", count: 300)
  #expect(
    matcher.match(
      line: "Certificate for <\(host)> doesn't match common name of the certificate subject") == nil
  )
  #expect(
    matcher.match(
      line:
        "Certificate for <jira.example.com> doesn't match common name of the certificate subject")?
      .fields["remote_host"] == "jira.example.com")
}
