extension RuleTestVectors {
  /// Lines for the `edge` cases of the vectors, written for them, one case each: every
  /// extractor and transform, percent-decoding of invalid UTF-8 and stray `%`, timestamp
  /// arithmetic at the edges of 64-bit integers and of the years `lookup` prints, carriage
  /// returns, NUL bytes, spaces and marks that engines read differently, layouts and products,
  /// priorities and ties, astral characters, long lines.
  public static let edgeLines: [String] =
    [
      "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1709646100-1709646400&oauth_timestamp=1709650000",
      "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1709646100-1709646401&oauth_timestamp=1709640000",
      "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1-2&oauth_timestamp=0",
      "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=9223372036854775807-9223372036854775807&oauth_timestamp=1",
      "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=9223372036854775807-9223372036854775806&oauth_timestamp=9223372036854775807",
      "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=99999999999999999999-1&oauth_timestamp=5",
      "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=253402300799-253402300799",
      "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=253402300800-253402300800",
      "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=400-100&oauth_timestamp%3D1000",
      "GET /x?oauth_signature_base_string=GET%26x%26oauth_timestamp%253D1709650000 oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1709646100-1709646400",
      "oauth_problem=token_rejected&oauth_token=%FF%FEabc%",
      "oauth_problem=consumer_key_unknown oauth_consumer_key=\"caf%C3%A9%20key%2\"",
      "oauth_problem=signature_invalid&oauth_problem_advice=Check+the+clock%21+%E2%9C%93",
      "oauth_problem=signature_invalid&oauth_signature_base_string=POST%26https%253A%252F%252Fx.example.com%252Fa%253Fb%253D1%26oauth_nonce%253D1",
      "oauth_problem=signature_invalid&oauth_signature_base_string=POST",
      "oauth_problem=parameter_absent&oauth_parameters_absent=oauth_token%26oauth_verifier",
      "oauth_problem=parameter_rejected&oauth_parameters_rejected=%26%26oauth_callback%2526x",
      "oauth_problem=version_rejected&oauth_acceptable_versions=1.0-2.0",
      "WWW-Authenticate: OAuth realm=\"🔑 %F0%9F%94%91 café\", oauth_problem=\"token_expired\"",
      "2024-03-05 14:02:11,287 ERROR [http-nio-8090-exec-3] [com.atlassian.confluence.oauth.Filter] oauth_problem=token_expired",
      "2024-03-05 14:02:11,287 ERROR [http-nio-8090-exec-3] [c.a.jira.oauth.X] oauth_problem=nonce_used",
      "2024-03-05 14:02:11,287 main-thread ERROR anon 1x2x3 - 10.0.0.1 /x [c.a.oauth.consumer.X] oauth_problem=user_refused",
      "{\"oauth_problem\": \"permission_denied\", \"oauth_consumer_key\": \"k%20y\", \"oauth_problem_advice\": \"a+b%20c\"}",
      "oauth_problem=signature_invalid \"oauth_problem\":\"token_used\"",
      "WWW-Authenticate: OAuth realm=\"https%3A%2F%2Fjira.example.com\", oauth_problem=\"signature_invalid\"\r",
      "\r",
      "\r\r",
      "oauth_problem=consumer_key_unknown&oauth_consumer_key=jira%3A1234\r\r",
      "oauth_problem=token_rejected oauth_token=\"a\rb\"\r",
      "Connect to jira.example.com:443 [x]\rfailed: Connection refused",
      "\u{0}oauth_problem=nonce_used\u{0}\u{0} oauth_token=\"a\u{0}b\" oauth_consumer_key=k\u{0}y",
      "oauth_problem=\u{0}signature_invalid PKIX path building failed\u{0}",
      "oauth_problem=token_rejected&oauth_token=abc%2",
      "oauth_problem=consumer_key_unknown&oauth_consumer_key=%E2%82%AC%%41%4%G1%zz%",
      "oauth_problem=consumer_key_unknown&oauth_consumer_key=%FF%C3%28%ED%A0%80x",
      "oauth_problem=signature_invalid&oauth_signature_base_string=POST%26https%253A%252F%252Fjira%2Fx%25%26oauth_nonce%253D%2",
      "oauth_problem=signature_invalid&oauth_signature_base_string=%",
      "oauth_problem=signature_invalid&oauth_signature_base_string=GET",
      "oauth_problem=parameter_absent&oauth_parameters_absent=oauth_token%26%26oauth_nonce%26%25%2",
      "oauth_problem=parameter_rejected&oauth_parameters_rejected=%26%26",
      "oauth_problem=signature_invalid&oauth_problem_advice=Check+the+clock%2C+100%+sure%",
      "oauth_problem=signature_invalid oauth_problem_advice=\"a%20b%2\"",
      "WWW-Authenticate: OAuth realm=\"%%%\", oauth_problem=\"token_revoked\"",
      "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1709646131-1709647031&oauth_timestamp=1709640000",
      "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=9223372036854775807-9223372036854775807&oauth_timestamp=0",
      "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=9223372036854775808-1&oauth_timestamp=1",
      "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=253402300799-253402300800&oauth_timestamp=9223372036854775807",
      "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=0-1&oauth_timestamp%253D00000000000000000000000042",
      "oauth_problem=version_rejected&oauth_acceptable_versions=1.0-1.0a",
      "oauth_problem=signature_invalid oauth_consumer_key=ab\u{B}cd",
      "oauth_problem=signature_invalid oauth_consumer_key=ab\u{85}cd",
      "oauth_problem=signature_invalid oauth_consumer_key=ab\u{FEFF}cd",
      "oauth_problem=signature_invalid oauth_consumer_key=ab\u{1C}cd",
      "oauth_problem=signature_invalid oauth_consumer_key=ab\u{3000}cd",
      "Connect to h.example.com:1 a\u{B}b failed: Connection refused",
      "Connect to h.example.com:1 a\u{C}b failed: Connection refused",
      "Connect to h.example.com:1 a\u{85}b failed: Connection refused",
      "Connect to h.example.com:1 a\u{2028}b failed: Connection refused",
      "Connect to h.example.com:1 a\u{0}\u{1C}\u{FEFF}b failed: Connection refused",
      "2024-03-05 14:02:11,287 ERROR [main] [com.atlassian.crowd.x] oauth_problem=token_used",
      "UNKNOWN_HOST oauth_problem=token_used",
      "oauth_problem=token_used oauth_problem=token_rejected",
      "oauth_problem=token_rejected oauth_problem=token_used",
      "SSL_UNTRUSTED PKIX path building failed",
      "2024-03-05 14:02:11,287 ERROR [main] [com.atlassian.confluence.x] oauth_problem=token_used",
      "2024-03-05 14:02:11,287 ERROR [main] [org.example.Other] oauth_problem=token_used",
      "2024-03-05 14:02:11,287 main ERROR [c.a.crowd.x] oauth_problem=token_used",
      "2024-03-05 14:02:11,287 ERROR [http-nio-7990-exec-9] - @1KIQ - 10.0.0.7 \"GET / HTTP/1.1\" c.a.o.s.i.servlet.OAuthFilter error was \"signature_invalid\"",
      "2024-03-05 14:02:11,287 INFO  [ qtp-1 ] fisheye com.cenqua.fisheye.x oauth_problem=token_used",
      "Host name 'jira.example.com' does not match the certificate subject provided by the peer (CN=*.example.org, O=Example)",
      "oauth_problem=signature_invalid\u{301}",
      "oauth_problem=token_used oauth_consumer_key=\"\u{301}abc\"",
      "oauth_problem=token_used oauth_consumer_key=\"ab\u{600}\"",
      "2024-03-05 14:02:11,287 ERROR [\u{301}main] [com.atlassian.jira.x\u{600}] oauth_problem=token_used",
    ] + [
      "oauth_problem=signature_invalid " + String(repeating: "x", count: 2500) + " oauth_token=abc",
      "2024-03-05 14:02:11,287 ERROR [main] [com.atlassian.bamboo.x] "
        + String(repeating: "a", count: 3000)
        + " oauth_problem=token_expired&oauth_token=zz%41 tail",
      String(repeating: "q", count: 3000) + " UNKNOWN_HOST",
    ]

  /// The `max_line_bytes` the `limit` cases are explained with, instead of the rule set's: small,
  /// so that the vectors stay small.
  public static let limitMaxLineBytes = 64

  /// Texts for the `limit` cases, explained with a `max_line_bytes` of ``limitMaxLineBytes``:
  /// lines of exactly the limit, one byte more, literals inside and past the cut, carriage
  /// returns and a character of several bytes at the cut.
  public static var limitTexts: [(source: String, text: String)] {
    let limit = limitMaxLineBytes
    let code = "oauth_problem=signature_invalid"
    func pad(_ count: Int, _ filler: Character = "x") -> String {
      String(repeating: filler, count: max(0, count))
    }
    return [
      (
        "written for the vectors: a line of exactly max_line_bytes ending with the literal",
        pad(limit - code.utf8.count - 1) + " " + code
      ),
      (
        "written for the vectors: a line of max_line_bytes + 1 whose literal ends on its last byte, past the cut",
        pad(limit - code.utf8.count) + " " + code
      ),
      (
        "written for the vectors: a line of max_line_bytes + 1 whose literal lies inside the cut",
        code + " " + pad(limit - code.utf8.count)
      ),
      (
        "written for the vectors: a literal far past the cut, then a line that gives a finding (numbers go on)",
        pad(limit * 3) + " " + code + "\n" + code
      ),
      (
        "written for the vectors: a field value cut at max_line_bytes",
        "oauth_problem=consumer_key_unknown&oauth_consumer_key=" + pad(limit, "k")
      ),
      (
        "written for the vectors: a carriage return just inside the cut and just past it",
        pad(limit - code.utf8.count - 2) + " " + code + "\r\n" + pad(limit - code.utf8.count - 1)
          + " " + code + "\r"
      ),
      (
        "written for the vectors: a character of two bytes across the cut, inside a captured value",
        "oauth_problem=consumer_key_unknown&oauth_consumer_key="
          + pad(
            limit - "oauth_problem=consumer_key_unknown&oauth_consumer_key=".utf8.count - 1, "k")
          + "é" + "tail"
      ),
      (
        "written for the vectors: a character of four bytes across the cut, inside a captured value",
        "oauth_problem=consumer_key_unknown&oauth_consumer_key="
          + pad(
            limit - "oauth_problem=consumer_key_unknown&oauth_consumer_key=".utf8.count - 2, "k")
          + "🔑" + "tail"
      ),
      (
        "written for the vectors: lines of max_line_bytes - 1, max_line_bytes and max_line_bytes + 1, each with the literal at its end",
        [limit - 1, limit, limit + 1].map { pad($0 - code.utf8.count - 1) + " " + code }.joined(
          separator: "\n")
      ),
    ]
  }
}
