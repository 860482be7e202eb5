/// One field a finding can carry: its name, its label and how it is put into words.
///
/// Every name a rule, extractor, derived field or layout gives a value to is declared here;
/// the rule set exports the list (`fields` in `rules.json`), so the browser labels and the
/// findings schema come from the same declaration as `lookup`'s sentences.
public struct FieldInfo: Codable, Sendable, Equatable {
  /// Where the field's words go.
  public enum Group: String, Codable, Sendable {
    /// A sentence of its own.
    case evidence
    /// Joined with the other origin fields into one sentence: where and when the line was logged.
    case origin
  }

  /// How a value is written in a sentence.
  public enum Format: String, Codable, Sendable {
    /// As it is.
    case text
    /// An ISO 8601 UTC time, `2024-03-05T14:02:11Z`, written `2024-03-05 14:02:11 UTC`.
    case utcTime = "utc_time"
    /// Signed seconds, written `42 s ahead of` or `42 s behind`.
    case secondsOffset = "seconds_offset"
  }

  /// The field's name, as rules' captures and findings' `fields` give it (`consumer_key`).
  public var name: String
  /// A short label, as a table heading: `Consumer key`.
  public var label: String
  /// What the value is, for the schemas.
  public var description: String
  /// The words: `{value}` is this field's value, `{other}` another field's; a part in `[...]`
  /// is left out when a field it names has no value. A field named inside another field's
  /// sentence is not given a sentence of its own when that sentence is written.
  public var sentence: String
  /// Whether the words make a sentence of their own or join the line's origin.
  public var group: Group
  /// How the value is written in the field's sentence.
  public var format: Format

  /// A field with every part given; most fields are evidence written as they are.
  public init(
    _ name: String, label: String, description: String, sentence: String,
    group: Group = .evidence, format: Format = .text
  ) {
    self.name = name
    self.label = label
    self.description = description
    self.sentence = sentence
    self.group = group
    self.format = format
  }

  /// The other fields this field's sentence names.
  public var mentions: [String] {
    var names: [String] = []
    var rest = Substring(sentence)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      let name = String(rest[rest.index(after: open)..<close])
      if name != "value" && !names.contains(name) { names.append(name) }
      rest = rest[rest.index(after: close)...]
    }
    return names
  }
}

/// The fields of this version of the rule set, in the order `lookup` describes them.
public enum FieldRegistry {
  /// Every field, in the order `lookup` describes a finding's fields; `rules.json` exports it.
  public static let fields: [FieldInfo] = [
    .init(
      "oauth_problem", label: "oauth_problem",
      description: "The OAuth Problem Reporting value the remote end answered with.",
      sentence: "oauth_problem: {value}"),
    .init(
      "link_status_type", label: "Link status",
      description: "The application-link status error type named on the line.",
      sentence: "link status type: {value}"),
    .init(
      "application_link_id", label: "Application link ID",
      description: "The ID of the application link the line names.",
      sentence:
        "application link ID: {value} (find it in the links screen or /rest/applinks/3.0/applinks)"),
    .init(
      "link", label: "Link",
      description:
        "The remote end of the application link as the line tells it: the origin (scheme, host, port) of the signed or requested URL or of the realm, else the remote host and port, else the consumer key.",
      sentence: "the link's remote end: {value}"),
    .init(
      "consumer_key", label: "Consumer key",
      description: "The OAuth consumer key of the request.",
      sentence:
        "consumer key: {value} (compare it with the incoming key of the link at the other end)"),
    .init(
      "token", label: "Access token", description: "The OAuth token of the request.",
      sentence: "access token: {value}"),
    .init(
      "realm", label: "Realm", description: "The realm of an OAuth challenge, percent-decoded.",
      sentence: "realm: {value}"),
    .init(
      "request_url", label: "URL requested",
      description: "The URL of the request that failed.",
      sentence: "the request was for: {value} (its host and port should be the link's URL)"),
    .init(
      "signed_url", label: "URL that was signed",
      description: "The URL inside the OAuth signature base string.",
      sentence:
        "the URL that was signed: [{signed_method} ]{value} (compare it with the link's URL)"),
    .init(
      "signed_method", label: "Signed method",
      description: "The HTTP method inside the OAuth signature base string.",
      sentence: "the method that was signed: {value}"),
    .init(
      "remote_clock", label: "Remote server's clock (UTC)",
      description:
        "The middle of the remote end's window of acceptable timestamps, as ISO 8601 UTC.",
      sentence: "the remote server's clock read {value}", format: .utcTime),
    .init(
      "clock_skew_seconds", label: "Clock skew (seconds)",
      description:
        "The request's timestamp minus the middle of the remote end's window, in seconds.",
      sentence:
        "the request's timestamp[ {request_timestamp}] was {value} the remote clock"
        + "[ (it accepts {acceptable_timestamps}, Unix seconds)]",
      format: .secondsOffset),
    .init(
      "acceptable_timestamps", label: "Accepted timestamps",
      description: "The window of Unix seconds the remote end accepts, `start-end`.",
      sentence: "the remote end accepts timestamps {value} (Unix seconds)"),
    .init(
      "request_timestamp", label: "Request timestamp",
      description: "The oauth_timestamp of the request, Unix seconds.",
      sentence: "the request's timestamp: {value} (Unix seconds)"),
    .init(
      "parameters_absent", label: "Missing parameters",
      description: "The OAuth parameters the remote end missed, comma-separated.",
      sentence: "missing parameters: {value}"),
    .init(
      "parameters_rejected", label: "Rejected parameters",
      description: "The OAuth parameters the remote end refused, comma-separated.",
      sentence: "rejected parameters: {value}"),
    .init(
      "oauth_acceptable_versions", label: "Accepted OAuth versions",
      description: "The OAuth versions the remote end accepts, `low-high`.",
      sentence: "OAuth versions the remote end accepts: {value}"),
    .init(
      "remote_host", label: "Remote host",
      description: "The host this end tried to reach or that presented a certificate.",
      sentence: "remote host: {value}[:{remote_port}]"),
    .init(
      "remote_port", label: "Remote port", description: "The port of the remote host.",
      sentence: "remote port: {value}"),
    .init(
      "certificate_subject", label: "Certificate subject",
      description: "The subject of the certificate the remote end presented.",
      sentence: "certificate subject: {value}"),
    .init(
      "oauth2_error", label: "OAuth 2.0 error",
      description: "The OAuth 2.0 error code the server answered with.",
      sentence: "OAuth 2.0 error: {value}"),
    .init(
      "error_description", label: "Error description",
      description: "The OAuth 2.0 error_description that came with the error, decoded.",
      sentence: "what the server said: {value}"),
    .init(
      "problem_advice", label: "Advice from the remote end",
      description: "The oauth_problem_advice text, decoded.",
      sentence: "advice from the remote end: {value}"),
    .init(
      "product", label: "Product",
      description:
        "The product that wrote the line, from its layout (or its entry's), logger or file name.",
      sentence: "product {value}", group: .origin),
    .init(
      "log_time", label: "Logged at",
      description: "The time at the start of the line, or of the entry it continues, as written.",
      sentence: "logged {value}", group: .origin),
    .init(
      "level", label: "Level", description: "The log level of the line or of its entry.",
      sentence: "{value}",
      group: .origin),
    .init(
      "logger", label: "Logger",
      description: "The logger (class or category) that wrote the line or its entry.",
      sentence: "by {value}", group: .origin),
    .init(
      "thread", label: "Thread", description: "The thread that wrote the line or its entry.",
      sentence: "on thread {value}", group: .origin),
  ]

  /// The field called `name`, or nil.
  public static func field(_ name: String) -> FieldInfo? { byName[name] }

  private static let byName: [String: FieldInfo] = Dictionary(
    uniqueKeysWithValues: fields.map { ($0.name, $0) })
}
