import Foundation
import LogRules
import TestSupport
import Testing

@Test func clockSkewAndRemoteClockFromAcceptableTimestamps() throws {
  let line =
    "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1709646131-1709647031"
    + " Authorization: OAuth oauth_timestamp=\"1709650000\", oauth_consumer_key=\"jira%3A42\""
  let fields = try #require(matcher.match(line: line)?.fields)
  #expect(fields["acceptable_timestamps"] == "1709646131-1709647031")
  // The middle of the window, 1709646581, is 2024-03-05 13:49:41 UTC.
  #expect(fields["remote_clock"] == "2024-03-05T13:49:41Z")
  #expect(fields["request_timestamp"] == "1709650000")
  #expect(fields["clock_skew_seconds"] == "3419")
  #expect(fields["consumer_key"] == "jira:42")
}

@Test func clockSkewIsNegativeWhenTheRequestIsBehind() throws {
  let line =
    "oauth_timestamp=1709640000&oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1709646131-1709647031"
  let fields = try #require(matcher.match(line: line)?.fields)
  #expect(fields["clock_skew_seconds"] == "-6581")
}

@Test func signedURLFromASignatureBaseString() throws {
  let line =
    "oauth_problem=signature_invalid&oauth_signature=abc%3D&oauth_signature_base_string="
    + "GET%26https%253A%252F%252Fjira.example.com%252Frest%252Fapi%252F2%252Fissue"
    + "%26oauth_consumer_key%253Dconfluence%25253A1234&oauth_signature_method=RSA-SHA1"
  let fields = try #require(matcher.match(line: line)?.fields)
  #expect(fields["signed_method"] == "GET")
  #expect(fields["signed_url"] == "https://jira.example.com/rest/api/2/issue")
}

@Test func realmIsDecoded() throws {
  let line =
    "WWW-Authenticate: OAuth realm=\"https%3A%2F%2Fconfluence.example.com%2Fwiki\", oauth_problem=\"token_rejected\""
  let fields = try #require(matcher.match(line: line)?.fields)
  #expect(fields["realm"] == "https://confluence.example.com/wiki")
  #expect(fields["oauth_problem"] == "token_rejected")
}

@Test func parametersAbsentAndRejectedAreDecodedIntoNames() throws {
  let absent = try #require(
    matcher.match(
      line: "oauth_problem=parameter_absent&oauth_parameters_absent=oauth_nonce%26oauth_timestamp")?
      .fields)
  #expect(absent["parameters_absent"] == "oauth_nonce, oauth_timestamp")
  let rejected = try #require(
    matcher.match(
      line:
        "oauth_problem=parameter_rejected&oauth_parameters_rejected=xoauth_requestor_id%3Dalice%26foo%3Db%2526c"
    )?.fields)
  #expect(rejected["parameters_rejected"] == "xoauth_requestor_id=alice, foo=b&c")
}

@Test func problemAdviceAndVersions() throws {
  let fields = try #require(
    matcher.match(
      line:
        "oauth_problem=version_rejected&oauth_acceptable_versions=1.0-1.0&oauth_problem_advice=Use+OAuth+1.0"
    )?.fields)
  #expect(fields["oauth_acceptable_versions"] == "1.0-1.0")
  #expect(fields["problem_advice"] == "Use OAuth 1.0")
}

@Test func tokenIsNotConfusedWithTheTokenSecret() throws {
  let fields = try #require(
    matcher.match(
      line: "oauth_token_secret=s3cr3t&oauth_token=abc123&oauth_problem=token_rejected")?.fields)
  #expect(fields["token"] == "abc123")
}

@Test(arguments: [
  (
    "2024-03-05 14:02:11,287 http-nio-8080-exec-49 WARN alice 842x26597x1 1k9a2i5 10.0.0.7 /rest/applinks/1.0/manifest [c.a.oauth.serviceprovider.internal.servlet.OAuthFilter] Problem encountered authenticating OAuth client for url \"https://jira.example.com/x\", error was \"token_rejected\", with parameters \"{}\"",
    "jira", "2024-03-05 14:02:11,287", "WARN", "http-nio-8080-exec-49",
    "c.a.oauth.serviceprovider.internal.servlet.OAuthFilter"
  ),
  (
    "2024-03-05 14:02:11,287 ERROR [http-nio-7990-exec-9] alice @1KIQBHMx418x285211x2 wpmwu 10.0.0.7 \"GET /rest/api/1.0/projects HTTP/1.1\" c.a.o.s.i.servlet.OAuthFilter oauth_problem=token_rejected",
    "bitbucket", "2024-03-05 14:02:11,287", "ERROR", "http-nio-7990-exec-9",
    "c.a.o.s.i.servlet.OAuthFilter"
  ),
  (
    "2024-03-05 14:02:11,287 http-nio-8095-exec-15 INFO [crowd.manager.validation.ClientValidationManagerImpl] oauth_problem=token_rejected",
    "crowd", "2024-03-05 14:02:11,287", "INFO", "http-nio-8095-exec-15",
    "crowd.manager.validation.ClientValidationManagerImpl"
  ),
  (
    "2024-03-05 14:02:11,287 WARN  [qtp1883394945-102 ] fisheye OAuthFilter-doFilter - oauth_problem=token_rejected",
    "fisheye", "2024-03-05 14:02:11,287", "WARN", "qtp1883394945-102", "OAuthFilter-doFilter"
  ),
  (
    "2024-03-05 14:02:11,287 WARN [http-nio-8090-exec-6] [confluence.applinks.OAuthHandler] oauth_problem=token_rejected",
    "confluence", "2024-03-05 14:02:11,287", "WARN", "http-nio-8090-exec-6",
    "confluence.applinks.OAuthHandler"
  ),
  (
    "2024-03-05 14:02:11,287 ERROR [http-nio-8085-exec-12] [com.atlassian.bamboo.oauth.OAuthFilter] oauth_problem=token_rejected",
    "bamboo", "2024-03-05 14:02:11,287", "ERROR", "http-nio-8085-exec-12",
    "com.atlassian.bamboo.oauth.OAuthFilter"
  ),
])
func productAndLineFieldsFromEachLayout(
  line: String, product: String, time: String, level: String, thread: String, logger: String
) throws {
  let fields = try #require(matcher.match(line: line)?.fields)
  #expect(fields["product"] == product)
  #expect(fields["log_time"] == time)
  #expect(fields["level"] == level)
  #expect(fields["thread"] == thread)
  #expect(fields["logger"] == logger)
}

@Test func productFromTheFileNameWhenTheLineDoesNotSay() throws {
  let line =
    "2024-03-05 14:02:11,287 WARN [http-nio-8090-exec-6] [OAuthFilter] oauth_problem=token_rejected"
  #expect(matcher.match(line: line)?.fields["product"] == nil)
  #expect(
    matcher.match(line: line, source: "/var/logs/atlassian-confluence.log.3")?.fields["product"]
      == "confluence")
  #expect(
    matcher.match(line: line, source: "support/atlassian-bamboo.log")?.fields["product"] == "bamboo"
  )
}

@Test func percentDecodingSurvivesMalformedInput() throws {
  let fields = try #require(
    matcher.match(line: "oauth_problem=token_rejected&oauth_consumer_key=a%2%ZZ%")?.fields)
  #expect(fields["consumer_key"] == "a%2%ZZ%")
}

@Test func hugeTimestampsDoNotCrash() throws {
  let line =
    "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=99999999999999999999999-1&oauth_timestamp=9223372036854775807"
  let fields = try #require(matcher.match(line: line)?.fields)
  #expect(fields["remote_clock"] == nil)
  #expect(fields["clock_skew_seconds"] == nil)
}

@Test func networkAndTLSFailuresNameTheHostPortAndCertificate() throws {
  let refused = try #require(
    matcher.match(
      line:
        "Caused by: java.net.ConnectException: Connect to jira.example.com:8443 [jira.example.com/203.0.113.5] failed: Connection refused"
    ))
  #expect(refused.problem == "connection_refused")
  #expect(refused.fields["remote_host"] == "jira.example.com")
  #expect(refused.fields["remote_port"] == "8443")
  let unknown = try #require(
    matcher.match(line: "java.net.UnknownHostException: jira.internal.example.com"))
  #expect(unknown.problem == "unknown_host")
  #expect(unknown.fields["remote_host"] == "jira.internal.example.com")
  let certificate = try #require(
    matcher.match(
      line:
        "javax.net.ssl.SSLPeerUnverifiedException: Host name 'jira.example.com' does not match the certificate subject provided by the peer (CN=*.example.org, O=Example Org, C=US)"
    ))
  #expect(certificate.problem == "ssl_hostname_unmatched")
  #expect(certificate.fields["certificate_subject"] == "CN=*.example.org, O=Example Org, C=US")
}

/// Combining marks and joiners after `&`, `+`, `/` or in a logger do not change how a line is
/// split: the work is on Unicode scalars and bytes, as the JavaScript and Python consumers do.
@Test func combiningMarksDoNotHideSeparators() throws {
  let absent = try #require(
    matcher.match(
      line: "oauth_problem=parameter_absent oauth_parameters_absent=oauth_token%26%CC%81oauth_nonce"
    )?.fields)
  #expect(absent["parameters_absent"] == "oauth_token, \u{301}oauth_nonce")
  let advice = try #require(
    matcher.match(line: "oauth_problem=signature_invalid&oauth_problem_advice=a+\u{301}b")?.fields)
  #expect(advice["problem_advice"] == "a \u{301}b")
  let logger = try #require(
    matcher.match(
      line:
        "2024-03-05 14:02:11,287 ERROR [main] [com.atlassian.jira\u{200D}x] oauth_problem=token_used"
    )?.fields)
  #expect(logger["product"] == "jira")
}
