import Foundation

/// Any JSON value, for documents that need not be valid rule sets (the refusal vectors).
public indirect enum JSONValue: Codable, Sendable, Equatable {
  case null
  case bool(Bool)
  case integer(Int)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// Decodes any JSON value, preferring a whole number to a `Double` when both fit.
  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int.self) {
      self = .integer(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  /// Encodes the value as the JSON it stands for.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .integer(let value): try container.encode(value)
    case .number(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    }
  }

  /// The value of a document encoded as `PublishedJSON` writes it.
  public init(encoding value: some Encodable) throws {
    let data = try PublishedJSON.encode(value)
    let decoder = JSONDecoder()
    self = try decoder.decode(JSONValue.self, from: data)
  }

  /// The document as JSON bytes.
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }

  /// The value at `path` (object keys and array indices) replaced by `transform`'s result;
  /// a nil result removes an object's key.
  public func replacing(_ path: [PathComponent], with transform: (JSONValue?) -> JSONValue?)
    -> JSONValue
  {
    guard let first = path.first else { return transform(self) ?? .null }
    let rest = Array(path.dropFirst())
    switch (self, first) {
    case (.object(var object), .key(let key)):
      if rest.isEmpty {
        object[key] = transform(object[key])
      } else if let inner = object[key] {
        object[key] = inner.replacing(rest, with: transform)
      }
      return .object(object)
    case (.array(var array), .index(let index)) where array.indices.contains(index):
      if rest.isEmpty {
        if let value = transform(array[index]) {
          array[index] = value
        } else {
          array.remove(at: index)
        }
      } else {
        array[index] = array[index].replacing(rest, with: transform)
      }
      return .array(array)
    default: return self
    }
  }

  /// A step into a JSON document.
  public enum PathComponent: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case key(String)
    case index(Int)
    /// A string literal is an object key.
    public init(stringLiteral value: String) { self = .key(value) }
    /// An integer literal is an array index.
    public init(integerLiteral value: Int) { self = .index(value) }
  }
}
