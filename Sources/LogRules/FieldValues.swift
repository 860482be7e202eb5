import Foundation
import KnowledgeBase

extension FieldTransform {
  /// Applies the transform to the captured groups; nil when the text does not decode.
  public func apply(_ groups: [String]) -> String? {
    guard let first = groups.first else { return nil }
    // Splitting and replacing work on Unicode scalars, not characters, so that a combining mark
    // after `&` or `+` does not hide it (as in the JavaScript and Python consumers).
    switch self {
    case .none: return first
    case .percent: return PercentDecoding.decode(first)
    case .form:
      var scalars = String.UnicodeScalarView()
      for scalar in first.unicodeScalars { scalars.append(scalar == "+" ? " " : scalar) }
      return PercentDecoding.decode(String(scalars))
    case .baseStringMethod:
      return PercentDecoding.decode(first).map { Self.parts($0).first ?? "" }
    case .baseStringURL:
      guard let once = PercentDecoding.decode(first) else { return nil }
      let parts = Self.parts(once)
      guard parts.count > 1 else { return nil }
      return PercentDecoding.decode(parts[1])
    case .parameterList:
      guard let once = PercentDecoding.decode(first) else { return nil }
      let names = Self.parts(once).filter { !$0.isEmpty }.map { part in
        PercentDecoding.decode(part) ?? part
      }
      return names.joined(separator: ", ")
    case .range:
      return groups.count == 2 ? "\(groups[0])-\(groups[1])" : nil
    }
  }

  /// The `&`-separated parts of `text`, empty ones kept.
  static func parts(_ text: String) -> [String] {
    text.unicodeScalars.split(separator: "&", omittingEmptySubsequences: false)
      .map { String(String.UnicodeScalarView($0)) }
  }
}

extension DerivedFunction {
  /// Computes the field from its inputs' values; nil when an input is missing or malformed.
  public func apply(_ inputs: [String?]) -> String? {
    switch self {
    case .windowMiddleISO8601:
      guard let window = Window(inputs.first ?? nil) else { return nil }
      return ISO8601.string(fromUnixSeconds: window.middle)
    case .secondsFromWindowMiddle:
      guard inputs.count == 2, let request = inputs[0].flatMap({ Int64($0) }),
        let window = Window(inputs[1])
      else { return nil }
      let (skew, overflow) = request.subtractingReportingOverflow(window.middle)
      return overflow ? nil : String(skew)
    case .linkOrigin:
      return LinkOrigin.link(inputs)
    }
  }
}

/// The remote end of an application link as a line tells it; the rules of `link_origin`,
/// which the Python and JavaScript consumers implement alike.
///
/// Inputs by position: 1–3 URLs (signed URL, requested URL, realm), 4 a host, 5 its port, 6 a
/// consumer key. The first URL input that is a URL gives its origin; else the host gives
/// `host:port` or `host` (ASCII letters lower-cased); else the consumer key as it is.
public enum LinkOrigin {
  /// The link for the inputs, nil when none tells anything.
  public static func link(_ inputs: [String?]) -> String? {
    func input(_ position: Int) -> String? {
      position < inputs.count ? inputs[position].flatMap { $0.isEmpty ? nil : $0 } : nil
    }
    for position in 0..<3 {
      if let url = input(position), let origin = origin(of: url) { return origin }
    }
    if let host = input(3) {
      let lowered = asciiLowercased(host)
      return input(4).map { "\(lowered):\($0)" } ?? lowered
    }
    return input(5)
  }

  /// `scheme://host[:port]` of an `http` or `https` URL with a host: scheme and host with ASCII
  /// letters lower-cased, user information dropped, the port left out when it is the scheme's
  /// default (80, 443) or empty. Nil when `text` is not such a URL or its port is not digits.
  public static func origin(of text: String) -> String? {
    let scalars = Array(text.unicodeScalars)
    guard let separator = find(Array("://".unicodeScalars), in: scalars) else { return nil }
    let scheme = asciiLowercased(String(String.UnicodeScalarView(scalars[..<separator])))
    guard scheme == "http" || scheme == "https" else { return nil }
    var authority = Array(scalars[(separator + 3)...])
    if let end = authority.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
      authority = Array(authority[..<end])
    }
    if let at = authority.lastIndex(of: "@") { authority = Array(authority[(at + 1)...]) }
    var host: [Unicode.Scalar]
    var port: [Unicode.Scalar] = []
    if authority.first == "[" {
      guard let close = authority.firstIndex(of: "]") else { return nil }
      host = Array(authority[...close])
      let after = authority[(close + 1)...]
      if let colon = after.first {
        guard colon == ":" else { return nil }
        port = Array(after.dropFirst())
      }
    } else if let colon = authority.firstIndex(of: ":") {
      host = Array(authority[..<colon])
      port = Array(authority[(colon + 1)...])
    } else {
      host = authority
    }
    guard !host.isEmpty, port.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
    let portText = String(String.UnicodeScalarView(port))
    let defaultPort = scheme == "http" ? "80" : "443"
    let hostText = asciiLowercased(String(String.UnicodeScalarView(host)))
    return "\(scheme)://\(hostText)"
      + (portText.isEmpty || portText == defaultPort ? "" : ":\(portText)")
  }

  /// Only A–Z change: other engines' lower-casing of other letters differs.
  static func asciiLowercased(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      scalars.append(
        ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar)
    }
    return String(scalars)
  }

  /// The first position where `needle` starts.
  private static func find(_ needle: [Unicode.Scalar], in scalars: [Unicode.Scalar]) -> Int? {
    guard scalars.count >= needle.count else { return nil }
    for start in 0...(scalars.count - needle.count)
    where scalars[start..<(start + needle.count)].elementsEqual(needle) {
      return start
    }
    return nil
  }
}

/// A `start-end` window of Unix seconds.
struct Window {
  var start: Int64
  var end: Int64

  init?(_ text: String?) {
    guard let scalars = text?.unicodeScalars, let dash = scalars.firstIndex(of: "-"),
      let start = Int64(String(scalars[..<dash])),
      let end = Int64(String(scalars[scalars.index(after: dash)...]))
    else { return nil }
    self.start = start
    self.end = end
  }

  /// Rounded down, without overflowing.
  var middle: Int64 {
    let sum = start.addingReportingOverflow(end)
    if !sum.overflow {
      return sum.partialValue >= 0 ? sum.partialValue / 2 : (sum.partialValue - 1) / 2
    }
    return start / 2 + end / 2 + ((start % 2 + end % 2) >= 2 ? 1 : 0)
  }
}

enum ISO8601 {
  /// `2024-03-05T14:02:11Z`, or nil outside years 1...9999.
  static func string(fromUnixSeconds seconds: Int64) -> String? {
    guard seconds > -62_135_596_800, seconds < 253_402_300_800 else { return nil }
    var days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    // Civil-from-days (Howard Hinnant's algorithm), proleptic Gregorian calendar.
    days += 719_468
    let era = (days >= 0 ? days : days - 146_096) / 146_097
    let dayOfEra = days - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    func pad(_ value: Int64, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
      + "\(pad(secondOfDay % 3600 / 60, 2)):\(pad(secondOfDay % 60, 2))Z"
  }
}

/// Percent-decoding that never fails on stray `%`: RFC 3986 leaves them undefined, and a log
/// line can hold anything.
enum PercentDecoding {
  static func decode(_ text: String) -> String? {
    guard text.contains("%") else { return text }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    let utf8 = Array(text.utf8)
    var index = 0
    while index < utf8.count {
      if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
        let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2])
      {
        bytes.append(high << 4 | low)
        index += 3
      } else {
        bytes.append(utf8[index])
        index += 1
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
