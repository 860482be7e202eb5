#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A time as a log or a person writes it: `2024-03-05 14:02:11,287`, `2024-03-05T14:02:11Z`,
/// `2024-03-05T14:02:11.287+01:00`, `2024-03-05`.
public struct LogTime: Sendable, Equatable, Comparable {
  /// The date and time as written, in seconds, counted as if it were UTC.
  public var wallSeconds: Int64
  /// The fraction of the second, in nanoseconds (0 when none was written).
  public var nanoseconds: Int64
  /// Seconds east of UTC when a zone was written.
  public var offsetSeconds: Int64?

  /// Reads `YYYY-MM-DD`, then optionally `T` or a space and `HH:MM[:SS[(.|,)fraction]]`, then
  /// optionally a zone (`Z`, `+HH:MM`, `+HHMM`, `+HH`, after an optional space). Nil for
  /// anything else.
  public init?(_ text: String) {
    var reader = Digits(Array(text.utf8))
    guard let year = reader.number(4), reader.take("-"), let month = reader.number(2),
      reader.take("-"), let day = reader.number(2), (1...12).contains(month),
      (1...31).contains(day)
    else { return nil }
    var seconds: Int64 = 0
    var nanoseconds: Int64 = 0
    if reader.take("T") || reader.take(" ") {
      guard let hour = reader.number(2), reader.take(":"), let minute = reader.number(2),
        hour < 24, minute < 60
      else { return nil }
      seconds = hour * 3600 + minute * 60
      if reader.take(":") {
        guard let second = reader.number(2), second < 61 else { return nil }
        seconds += second
        if reader.take(".") || reader.take(",") {
          guard let (fraction, digits) = reader.digits(), digits > 0 else { return nil }
          nanoseconds = fraction
          for _ in digits..<9 { nanoseconds *= 10 }
        }
      }
    }
    _ = reader.take(" ")
    if reader.take("Z") {
      offsetSeconds = 0
    } else if let sign = reader.sign() {
      guard let hours = reader.number(2) else { return nil }
      _ = reader.take(":")
      let minutes = reader.number(2) ?? 0
      offsetSeconds = sign * (hours * 3600 + minutes * 60)
    }
    guard reader.atEnd else { return nil }
    wallSeconds = Self.days(year: year, month: month, day: day) * 86_400 + seconds
    self.nanoseconds = nanoseconds
  }

  /// A time from its parts: wall-clock seconds counted as if UTC, and the zone when one is known.
  public init(wallSeconds: Int64, nanoseconds: Int64 = 0, offsetSeconds: Int64? = nil) {
    self.wallSeconds = wallSeconds
    self.nanoseconds = nanoseconds
    self.offsetSeconds = offsetSeconds
  }

  /// Seconds since 1970 in UTC, when a zone was written.
  public var instant: Int64? { offsetSeconds.map { wallSeconds - $0 } }

  /// As written, zone aside.
  public static func < (left: LogTime, right: LogTime) -> Bool {
    (left.wallSeconds, left.nanoseconds) < (right.wallSeconds, right.nanoseconds)
  }

  /// Days since 1970-01-01 (proleptic Gregorian calendar).
  static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
    let shifted = month <= 2 ? year - 1 : year
    let era = (shifted >= 0 ? shifted : shifted - 399) / 400
    let yearOfEra = shifted - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The local wall-clock time (the `TZ` of this machine) of an instant.
  static func local(instant: Int64, nanoseconds: Int64) -> LogTime {
    var seconds = time_t(instant)
    var parts = tm()
    _ = localtime_r(&seconds, &parts)
    return LogTime(
      wallSeconds: instant + Int64(parts.tm_gmtoff), nanoseconds: nanoseconds,
      offsetSeconds: Int64(parts.tm_gmtoff))
  }

  /// Reads ASCII digits and signs.
  private struct Digits {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func take(_ character: Character) -> Bool {
      guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
      index += 1
      return true
    }

    mutating func number(_ count: Int) -> Int64? {
      guard index + count <= bytes.count else { return nil }
      var value: Int64 = 0
      for byte in bytes[index..<(index + count)] {
        guard (0x30...0x39).contains(byte) else { return nil }
        value = value * 10 + Int64(byte - 0x30)
      }
      index += count
      return value
    }

    /// Up to nine digits of a fraction (more are read and dropped), and how many were kept.
    mutating func digits() -> (Int64, Int)? {
      var value: Int64 = 0
      var kept = 0
      var read = 0
      while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
        if kept < 9 {
          value = value * 10 + Int64(bytes[index] - 0x30)
          kept += 1
        }
        index += 1
        read += 1
      }
      return read > 0 ? (value, kept) : nil
    }

    mutating func sign() -> Int64? {
      if take("+") { return 1 }
      if take("-") { return -1 }
      return nil
    }
  }
}

/// `--since` and `--until`: findings whose entry was logged in `[since, until)`.
///
/// A bound is a date-time (ISO 8601, with or without a zone) or a duration back from now
/// (`90s`, `30m`, `2h`, `7d`, `1w`, or several, `1h30m`). A time without a zone, in the log or
/// in a bound, is compared as written; a duration, or a bound with a zone, with a log time
/// without one is compared in this machine's time zone.
public struct TimeRange: Sendable, Equatable {
  /// One end of a range: a time as written, or an instant.
  public enum Bound: Sendable, Equatable {
    /// As written, with or without a zone.
    case written(LogTime)
    /// Seconds since 1970 in UTC (a duration back from now).
    case instant(Int64, nanoseconds: Int64)
  }

  /// The earliest time a finding's entry may be logged at, inclusive; nil for no lower bound.
  public var since: Bound?
  /// The time a finding's entry must be logged before; nil for no upper bound.
  public var until: Bound?

  /// A range from `since` up to, not including, `until`; either may be left open.
  public init(since: Bound? = nil, until: Bound? = nil) {
    self.since = since
    self.until = until
  }

  /// True when neither bound is set.
  public var isOpen: Bool { since == nil && until == nil }

  /// Reads a bound; nil when it is neither a date-time nor a duration. `now` is seconds since
  /// 1970.
  public static func bound(_ text: String, now: Double) -> Bound? {
    if let time = LogTime(text) { return .written(time) }
    guard let seconds = duration(text) else { return nil }
    let instant = now - Double(seconds)
    let whole = Int64(instant.rounded(.down))
    return .instant(whole, nanoseconds: Int64((instant - Double(whole)) * 1e9))
  }

  /// `2h`, `1h30m`, `45s`, `7d`, `1w` in seconds; nil for anything else.
  static func duration(_ text: String) -> Int64? {
    var total: Int64 = 0
    var digits = ""
    guard !text.isEmpty else { return nil }
    for character in text {
      if character.isASCII, character.isNumber {
        digits.append(character)
        continue
      }
      let unit: Int64
      switch character {
      case "s": unit = 1
      case "m": unit = 60
      case "h": unit = 3600
      case "d": unit = 86_400
      case "w": unit = 604_800
      default: return nil
      }
      guard let count = Int64(digits), count <= 1_000_000_000 else { return nil }
      total += count * unit
      digits = ""
    }
    return digits.isEmpty ? total : nil
  }

  /// Whether a finding logged at `logTime` (its `log_time` field) is in the range; a finding
  /// with no time, or one that does not read as a time, is not.
  public func contains(logTime text: String?) -> Bool {
    if isOpen { return true }
    guard let text, let time = LogTime(text) else { return false }
    if let since, Self.compare(time, since) < 0 { return false }
    if let until, Self.compare(time, until) >= 0 { return false }
    return true
  }

  /// Negative, zero or positive as `time` is before, at or after `bound`.
  static func compare(_ time: LogTime, _ bound: Bound) -> Int {
    func order(_ left: (Int64, Int64), _ right: (Int64, Int64)) -> Int {
      left < right ? -1 : (left == right ? 0 : 1)
    }
    switch bound {
    case .written(let written):
      if let instant = time.instant, let boundInstant = written.instant {
        return order((instant, time.nanoseconds), (boundInstant, written.nanoseconds))
      }
      if let boundInstant = written.instant, time.offsetSeconds == nil {
        let local = LogTime.local(instant: boundInstant, nanoseconds: written.nanoseconds)
        return order((time.wallSeconds, time.nanoseconds), (local.wallSeconds, local.nanoseconds))
      }
      return order(
        (time.wallSeconds, time.nanoseconds), (written.wallSeconds, written.nanoseconds))
    case .instant(let instant, let nanoseconds):
      if let own = time.instant { return order((own, time.nanoseconds), (instant, nanoseconds)) }
      let local = LogTime.local(instant: instant, nanoseconds: nanoseconds)
      return order((time.wallSeconds, time.nanoseconds), (local.wallSeconds, local.nanoseconds))
    }
  }
}
