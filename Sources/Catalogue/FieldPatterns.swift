import KnowledgeBase

extension FieldPattern {
  /// Value of a parameter in a form body, a query or Atlassian's `{key=value, ...}` dump.
  private static let bare = "([^&\\t \"',;}]+)"

  /// The field patterns of the catalogue, tried in order; the first match of a field wins.
  static let all: [FieldPattern] = [
    // The value as the remote wrote it, decoded: a code, or words when it sent words.
    .init(
      field: "oauth_problem", literal: "oauth_problem", pattern: "oauth_problem=\"([^\"]{1,200})\"",
      transform: .percent),
    .init(
      field: "oauth_problem", literal: "oauth_problem", pattern: "oauth_problem='([^']{1,200})'",
      transform: .percent),
    .init(
      field: "oauth_problem", literal: "oauth_problem",
      pattern:
        "oauth_problem(?:=|%3D)([^&\\t \"',;})\\]>%]{1,200}(?:%[0-9A-Fa-f]{2}[^&\\t \"',;})\\]>%]{0,200}){0,20})",
      transform: .form),
    .init(
      field: "oauth_problem", literal: "oauth_problem",
      pattern: "[\"']oauth_problem[\"'] ?: ?[\"']([^\"']{1,200})[\"']"),
    .init(field: "oauth_problem", literal: "error was", pattern: "error was \"([a-z_]+)\""),
    .init(
      field: "consumer_key", literal: "oauth_consumer_key",
      pattern: "oauth_consumer_key=\"([^\"]*)\"", transform: .percent),
    .init(
      field: "consumer_key", literal: "oauth_consumer_key",
      pattern: "[\"']oauth_consumer_key[\"'] ?: ?[\"']([^\"']*)[\"']"),
    .init(
      field: "consumer_key", literal: "oauth_consumer_key",
      pattern: "oauth_consumer_key=\(bare)", transform: .percent),
    .init(
      field: "token", literal: "oauth_token", pattern: "oauth_token=\"([^\"]*)\"",
      transform: .percent),
    .init(
      field: "token", literal: "oauth_token", pattern: "oauth_token=\(bare)",
      transform: .percent),
    .init(field: "realm", literal: "realm=", pattern: "realm=\"([^\"]*)\"", transform: .percent),
    .init(
      field: "signed_method", literal: "oauth_signature_base_string",
      pattern: "oauth_signature_base_string=\"?([^&\\t \"]+)", transform: .baseStringMethod),
    .init(
      field: "signed_url", literal: "oauth_signature_base_string",
      pattern: "oauth_signature_base_string=\"?([^&\\t \"]+)", transform: .baseStringURL),
    .init(
      field: "acceptable_timestamps", literal: "oauth_acceptable_timestamps",
      pattern: "oauth_acceptable_timestamps=\"?([0-9]+)-([0-9]+)", groups: [1, 2],
      transform: .range),
    .init(
      field: "request_timestamp", literal: "oauth_timestamp",
      pattern: "oauth_timestamp(?:=\"?|%3D|%253D)([0-9]+)"),
    .init(
      field: "parameters_absent", literal: "oauth_parameters_absent",
      pattern: "oauth_parameters_absent=\"?([^&\\t \"',;}]+)", transform: .parameterList),
    .init(
      field: "parameters_rejected", literal: "oauth_parameters_rejected",
      pattern: "oauth_parameters_rejected=\"?([^&\\t \"',;}]+)", transform: .parameterList),
    .init(
      field: "oauth_acceptable_versions", literal: "oauth_acceptable_versions",
      pattern: "oauth_acceptable_versions=\"?([0-9.]+)-([0-9.]+)", groups: [1, 2],
      transform: .range),
    .init(field: "request_url", literal: "for url \"", pattern: "for url \"([^\"]*)\""),
    .init(
      field: "error_description", literal: "error_description",
      pattern: "[\"']error_description[\"'] ?: ?[\"']([^\"']{1,300})[\"']"),
    .init(
      field: "error_description", literal: "error_description",
      pattern: "error_description=\"([^\"]{1,300})\"", transform: .percent),
    .init(
      field: "error_description", literal: "error_description",
      pattern: "error_description=([^&\\t \"']{1,300})", transform: .form),
    .init(
      field: "problem_advice", literal: "oauth_problem_advice",
      pattern: "oauth_problem_advice=\"([^\"]*)\"", transform: .percent),
    .init(
      field: "problem_advice", literal: "oauth_problem_advice",
      pattern: "[\"']oauth_problem_advice[\"'] ?: ?\"([^\"]*)\""),
    .init(
      field: "problem_advice", literal: "oauth_problem_advice",
      pattern: "oauth_problem_advice=([^&\\t \"']+)", transform: .form),
  ]
}
