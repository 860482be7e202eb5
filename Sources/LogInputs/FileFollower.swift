#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Follows log files as they grow, like `tail -F`: each is read from its start, then whatever
/// is appended. A file renamed away and created anew (rotation) is read to its end, then the
/// new one from its start; a file cut shorter (truncation) is read again from its start. Line
/// numbers start again at 1 in each case. An unfinished last line waits for its line feed.
public struct FileFollower {
  /// Where the bytes of each followed file go.
  public var sink: any StreamSink
  /// How long to wait between looks at files that did not grow.
  public var intervalMilliseconds: Int32 = 200

  /// A follower that hands what each file gains to `sink`.
  public init(sink: any StreamSink) { self.sink = sink }

  /// Follows `paths` until `Interruption` notes a signal. `afterReading` is called whenever
  /// new bytes were read (to flush what was printed).
  public func follow(
    paths: [String], onNotice: (InputNotice) -> Void, afterReading: () -> Void = {}
  ) throws {
    var files = paths.map { FollowedFile(path: $0, sink: sink) }
    for index in files.indices { files[index].start(onNotice: onNotice) }
    defer { for file in files { file.stop() } }
    while !Interruption.isPending {
      var grew = false
      for index in files.indices {
        grew = try files[index].readNew() || grew
        grew = try files[index].checkReplaced(onNotice: onNotice) || grew
      }
      if grew {
        afterReading()
      } else if Interruption.wait(milliseconds: intervalMilliseconds) {
        break
      }
    }
    for index in files.indices { try files[index].stream?.finish() }
    afterReading()
  }
}

/// One followed file: its descriptor, which file it is, and the scan of what was read.
private struct FollowedFile {
  let path: String
  let sink: any StreamSink
  var descriptor: Int32 = -1
  var identity: FileIdentity?
  var offset = 0
  var stream: (any GrowingStream)?
  /// Said once while the path names no file.
  var saidGone = false

  init(path: String, sink: any StreamSink) {
    self.path = path
    self.sink = sink
  }

  /// Opens the file under the path and starts a scan of it.
  mutating func start(onNotice: (InputNotice) -> Void) {
    descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      onNotice(.init(.failure, source: path, message: String(cString: strerror(errno))))
      return
    }
    var status = stat()
    _ = fstat(descriptor, &status)
    identity = FileIdentity(status)
    offset = 0
    stream = sink.growing(source: path)
  }

  func stop() { if descriptor >= 0 { _ = close(descriptor) } }

  /// Reads what was appended; true when there was something.
  mutating func readNew() throws -> Bool {
    guard let stream, descriptor >= 0 else { return false }
    var any = false
    while !Interruption.isPending {
      let space = stream.space
      let count = readDescriptor(descriptor, space.baseAddress, space.count)
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { break }
      offset += count
      any = true
      try stream.received(count)
    }
    return any
  }

  /// After reading to the end: a new file under the path, or this one cut shorter, ends the
  /// current scan and starts another from the start; true when that happened.
  mutating func checkReplaced(onNotice: (InputNotice) -> Void) throws -> Bool {
    var status = stat()
    guard stat(path, &status) == 0 else {
      if !saidGone {
        onNotice(.init(.warning, source: path, message: "has gone; waiting for it to come back"))
        saidGone = true
      }
      return false
    }
    saidGone = false
    if identity != FileIdentity(status) {
      try stream?.finish()
      stop()
      start(onNotice: onNotice)
      onNotice(
        .init(.warning, source: path, message: "replaced by a new file; reading it from its start"))
      return true
    }
    if Int(status.st_size) < offset {
      let wasReading = stream != nil
      try stream?.finish()
      _ = lseek(descriptor, 0, SEEK_SET)
      offset = 0
      stream = sink.growing(source: path)
      onNotice(.init(.warning, source: path, message: "truncated; reading it again from its start"))
      return wasReading
    }
    return false
  }
}

extension FileFollower {
  /// Whether `path` is a regular file holding plain text (not an archive, not compressed):
  /// what `--follow` follows. Other inputs are read once.
  public static func canFollow(_ path: String) -> Bool {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return false }
    var prefix = [UInt8](repeating: 0, count: ByteFormat.prefixLength)
    let count = prefix.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
    return count >= 0 && ByteFormat.detect(prefix.prefix(count)) == .plain
  }
}
