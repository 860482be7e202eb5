import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `lookup probe` is carried out by `lookup-probe`, found beside this executable or else on
/// the PATH, so that `lookup` links no HTTP or TLS library.
enum ProbeExecutable {
  static let name = "lookup-probe"

  /// Replaces this process with `lookup-probe ARGS`; exits with 2 when it cannot be found.
  static func run(_ arguments: [String]) -> Never {
    let candidates =
      [Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent().path]
      .compactMap { $0 }
      + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
    for folder in candidates where !folder.isEmpty {
      let path = (folder as NSString).appendingPathComponent(name)
      guard access(path, X_OK) == 0 else { continue }
      let argv = ([path] + arguments).map { strdup($0) } + [nil]
      execv(path, argv)
      let reason = String(cString: strerror(errno))
      FileHandle.standardError.write(Data("lookup probe: cannot run \(path): \(reason)\n".utf8))
      exit(2)
    }
    FileHandle.standardError.write(
      Data(
        "lookup probe: \(name) is not installed beside lookup or on the PATH; build it with 'swift build --product \(name)'\n"
          .utf8))
    exit(2)
  }
}
