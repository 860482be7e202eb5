import Foundation
import LogRules

#if canImport(Glibc)
  import Glibc
#endif

/// An input that cannot be read, with a message naming it; `lookup` prints it and exits with
/// status 2.
public struct InputError: Error, Sendable, CustomStringConvertible {
  /// What to print: the input and why it cannot be read.
  public var message: String
  /// An error that prints `message`.
  public init(message: String) { self.message = message }
  /// The message, as it is.
  public var description: String { message }
}

/// Reads the rule set `lookup --rules` names.
public enum RuleSetFile {
  /// Reads a rule set exported as `rules.json`.
  public static func ruleSet(at path: String) throws -> RuleSet {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw InputError(message: "\(path): cannot read the rules file (\(reason(error)))")
    }
    do { return try RuleSet(jsonData: data) } catch {
      throw InputError(message: "\(path): \(error)")
    }
  }

  private static func reason(_ error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return nsError.localizedDescription
  }
}
