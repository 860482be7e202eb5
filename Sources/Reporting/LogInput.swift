import Foundation
import LogRules

#if canImport(Glibc)
  import Glibc
#endif

/// An input that cannot be read, with a message naming it; `lookup` prints it and exits with
/// status 2.
public struct InputError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public init(message: String) { self.message = message }
  public var description: String { message }
}

/// Opens what `lookup` is given to read and pushes each finding into a sink.
public enum LogInput {
  /// Scans a file (`-` for standard input), refusing folders and what cannot be opened.
  public static func scan(
    path: String, with scanner: LogScanner, onFinding: (Finding) throws -> Void
  ) throws -> ScanStatistics {
    if path == "-" { return try scanStandardInput(with: scanner, onFinding: onFinding) }
    var status = stat()
    guard stat(path, &status) == 0 else {
      throw InputError(message: "\(path): \(String(cString: strerror(errno)))")
    }
    if (status.st_mode & S_IFMT) == S_IFDIR {
      throw InputError(message: "\(path): is a directory, not a log file")
    }
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      throw InputError(message: "\(path): \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    do {
      return try scanner.scan(fileDescriptor: descriptor, source: path, onFinding: onFinding)
    } catch let error as ReadError {
      throw InputError(message: error.description)
    }
  }

  /// Scans standard input.
  public static func scanStandardInput(
    with scanner: LogScanner, onFinding: (Finding) throws -> Void
  ) throws -> ScanStatistics {
    do {
      return try scanner.scan(fileDescriptor: 0, source: "-", onFinding: onFinding)
    } catch let error as ReadError {
      throw InputError(message: error.description)
    }
  }

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
