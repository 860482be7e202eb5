/// The layout a product writes its log lines in: tried at the start of a line, it tells that
/// the line starts an entry and gives the fields every line of the entry shares.
public struct LogLayout: Codable, Sendable, Equatable {
  /// A name for the layout (`jira`, `bracketed`).
  public var id: String
  /// The product this layout identifies, when only one product writes it.
  public var product: String?
  /// A pattern of the portable subset, anchored with `^`.
  public var pattern: String
  /// Field names of capture groups 1, 2, ...
  public var captures: [String]
  /// Lines this layout must match, and no layout before it may take.
  public var samples: [String]

  /// A layout; see the properties.
  public init(id: String, product: String?, pattern: String, captures: [String], samples: [String])
  {
    self.id = id
    self.product = product
    self.pattern = pattern
    self.captures = captures
    self.samples = samples
  }
}

/// A pattern that pulls one field out of a line a rule matched. The first pattern of a field
/// that matches wins.
public struct FieldPattern: Codable, Sendable, Equatable {
  /// The field it fills (a name of the field registry).
  public var field: String
  /// Text the line must contain for the pattern to be tried.
  public var literal: String
  /// A pattern of the portable subset.
  public var pattern: String
  /// The capture groups whose text feeds `transform`, in order.
  public var groups: [Int]
  /// How the captured text becomes the value.
  public var transform: FieldTransform

  /// A field pattern; see the properties.
  public init(
    field: String, literal: String, pattern: String, groups: [Int] = [1],
    transform: FieldTransform = .none
  ) {
    self.field = field
    self.literal = literal
    self.pattern = pattern
    self.groups = groups
    self.transform = transform
  }
}

/// How captured text becomes a field's value. Consumers of `rules.json` implement each case.
public enum FieldTransform: String, Codable, Sendable, CaseIterable {
  /// The captured text as it is.
  case none
  /// Percent-decoded once.
  case percent
  /// Percent-decoded once, `+` read as a space (form encoding).
  case form
  /// Percent-decoded once, the first `&`-separated part: the HTTP method of a base string.
  case baseStringMethod = "base_string_method"
  /// Percent-decoded once, the second `&`-separated part, percent-decoded again: the URL.
  case baseStringURL = "base_string_url"
  /// Percent-decoded once, split on `&`, each part percent-decoded, joined with `, `.
  case parameterList = "parameter_list"
  /// Two groups joined with `-` (a window such as `1709646131-1709647031`).
  case range
}
