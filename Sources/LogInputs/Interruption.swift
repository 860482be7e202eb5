#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ctrl-C (SIGINT) and SIGTERM caught instead of ending the process, so that
/// `lookup --follow --summary` can print what it saw. The handler writes a byte to a pipe; a
/// wait on the pipe is the follower's sleep, and it ends as soon as a signal arrives.
public enum Interruption {
  /// Read end and write end.
  private static let pipeEnds: (read: Int32, write: Int32) = {
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else { return (-1, -1) }
    for end in ends {
      _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
      _ = fcntl(end, F_SETFD, FD_CLOEXEC)
    }
    return (ends[0], ends[1])
  }()

  /// From now on SIGINT and SIGTERM are noted, not fatal.
  public static func catchSignals() {
    _ = pipeEnds
    let handler: @convention(c) (Int32) -> Void = { _ in
      var byte: UInt8 = 1
      _ = write(Interruption.pipeEnds.write, &byte, 1)
    }
    signal(SIGINT, handler)
    signal(SIGTERM, handler)
  }

  /// Whether a signal came.
  public static var isPending: Bool { wait(milliseconds: 0) }

  /// Waits up to `milliseconds` for a signal; true when one came (it stays noted).
  public static func wait(milliseconds: Int32) -> Bool {
    var poller = pollfd(fd: pipeEnds.read, events: Int16(POLLIN), revents: 0)
    return poll(&poller, 1, milliseconds) > 0
  }
}
