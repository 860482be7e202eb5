#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads what `lookup` is given: files and folders (walked recursively), archives and
/// compressed files told by their bytes, standard input. Every stream goes to the sink (the
/// scanner) as it is read, so memory stays flat whatever the input inflates to.
///
/// In a folder or an archive, files whose names look like logs are read (``LogFileName``),
/// rotated sets oldest first; others are skipped and counted. What cannot be read is named in
/// a notice and skipped: findings before damage are kept.
public struct InputReader {
  /// Where the bytes of each stream go.
  public var sink: any StreamSink
  /// Archives inside archives are opened this deep.
  public var maxDepth = 4
  /// Asked before every read; true stops reading (an interrupt).
  public var shouldStop: () -> Bool = { false }

  /// A reader that hands every stream to `sink`.
  public init(sink: any StreamSink) { self.sink = sink }

  /// Reads `path`: a file of any format, a folder and everything in it, or `-` for standard
  /// input. Returns what was read. `name`, for a file or standard input, is the source its
  /// findings and notices carry instead of the path (`archive!entry` inside an archive), and
  /// the name whose prefix may tell the product: a file copied from elsewhere is read as the
  /// original. What cannot be read is named in a notice.
  public func read(path: String, as name: String? = nil, onNotice: (InputNotice) -> Void) throws {
    try withoutActuallyEscaping(onNotice) { onNotice in
      try InputRun(reader: self, onNotice: onNotice).read(path: path, as: name)
    }
  }
}

/// A file or folder as the file system knows it, to find loops.
struct FileIdentity: Hashable {
  var device: UInt64
  var inode: UInt64

  init(_ status: stat) {
    device = UInt64(status.st_dev)
    inode = UInt64(status.st_ino)
  }
}

/// One call of ``InputReader/read(path:as:onNotice:)``.
private final class InputRun {
  let reader: InputReader
  let onNotice: (InputNotice) -> Void
  /// Folders already walked.
  var visited: Set<FileIdentity> = []

  init(reader: InputReader, onNotice: @escaping (InputNotice) -> Void) {
    self.reader = reader
    self.onNotice = onNotice
  }

  func fail(_ source: String, _ message: String) {
    onNotice(.init(.failure, source: source, message: message))
  }

  func read(path: String, as name: String?) throws {
    if path == "-" && reader.sink.standardInputIsSplit {
      // A split of a plain file: its first bytes are a line of text, whatever they look like.
      _ = try scan(
        DescriptorBytes(0), source: name ?? "-", fileName: name.map { LogFileName($0).name } ?? "-",
        near: { nil })
      return
    }
    if path == "-" {
      _ = try readStream(
        DescriptorBytes(0), source: name ?? "-", fileName: name.map { LogFileName($0).name } ?? "-",
        depth: 0)
      return
    }
    var status = stat()
    guard stat(path, &status) == 0 else {
      return fail(name ?? path, String(cString: strerror(errno)))
    }
    if status.st_mode & S_IFMT == S_IFDIR {
      visited.insert(FileIdentity(status))
      try walk(folder: path, ancestors: [FileIdentity(status)])
    } else {
      try readFile(path, as: name)
    }
  }

  // MARK: Folders

  func walk(folder: String, ancestors: [FileIdentity]) throws {
    guard let directory = opendir(folder) else {
      return fail(folder, String(cString: strerror(errno)))
    }
    var entries: [(name: String, type: UInt8)] = []
    while let entry = readdir(directory) {
      let name = withUnsafePointer(to: &entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { entries.append((name, entry.pointee.d_type)) }
    }
    closedir(directory)
    var files: [String] = []
    var folders: [(path: String, identity: FileIdentity)] = []
    for (name, type) in entries {
      let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
      let kind = LogFileName(name).kind
      // A regular file named like no log needs no look at its status.
      if type == 8 && kind == .other {
        onNotice(.init(.skipped, source: path, message: "not a log by its name"))
        continue
      }
      var status = stat()
      guard stat(path, &status) == 0 else {
        if errno == ELOOP {
          onNotice(.init(.warning, source: path, message: "a symlink loop: skipped"))
        } else {
          fail(path, String(cString: strerror(errno)))
        }
        continue
      }
      switch status.st_mode & S_IFMT {
      case S_IFDIR:
        let identity = FileIdentity(status)
        if ancestors.contains(identity) {
          onNotice(
            .init(.warning, source: path, message: "a symlink loop to a folder above it: skipped"))
        } else if !visited.contains(identity) {
          folders.append((path, identity))
        }
      case S_IFREG where kind != .other:
        files.append(path)
      case S_IFREG:
        onNotice(.init(.skipped, source: path, message: "not a log by its name"))
      default:
        onNotice(.init(.skipped, source: path, message: "not a regular file"))
      }
    }
    for path in LogFileName.readingOrder(files) {
      if reader.shouldStop() { return }
      try readFile(path)
    }
    for (path, identity) in folders.sorted(by: { $0.path < $1.path }) {
      if reader.shouldStop() { return }
      guard visited.insert(identity).inserted else { continue }
      try walk(folder: path, ancestors: ancestors + [identity])
    }
  }

  // MARK: Files and streams

  func readFile(_ realPath: String, as name: String? = nil) throws {
    // `path` names the file in findings and notices; `realPath` is where it is read.
    let path = name ?? realPath
    let descriptor = open(realPath, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return fail(path, String(cString: strerror(errno))) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      return fail(path, String(cString: strerror(errno)))
    }
    let fileName = LogFileName(path).name
    guard status.st_mode & S_IFMT == S_IFREG else {
      // A FIFO, a device: read as a stream, its format told by what arrives first.
      _ = try readStream(DescriptorBytes(descriptor), source: path, fileName: fileName, depth: 0)
      return
    }
    var prefix = [UInt8](repeating: 0, count: ByteFormat.prefixLength)
    let count = prefix.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
    guard count >= 0 else { return fail(path, String(cString: strerror(errno))) }
    switch ByteFormat.detect(prefix.prefix(count)) {
    case .plain:
      do {
        _ = try reader.sink.consume(source: path, fileName: fileName) { buffer in
          if reader.shouldStop() { return 0 }
          let count = readDescriptor(descriptor, buffer.baseAddress, buffer.count)
          if count < 0 && errno != EINTR {
            throw InputFailure(reason: String(cString: strerror(errno)))
          }
          return max(count, 0)
        }
      } catch let error as InputFailure {
        fail(path, error.reason)
      }
    case .compressed("gzip"):
      _ = try readGzip(DescriptorBytes(descriptor), source: path, fileName: fileName, depth: 0)
    case .compressed, .archive:
      _ = try readContainer(
        DescriptorBytes(descriptor), seekable: descriptor, source: path, fileName: fileName,
        depth: 0)
    case .unsupported(let what):
      fail(path, "a \(what), which lookup does not open; not read")
    }
  }

  /// A gzip stream, inflated by zlib; what it holds is told by its own first bytes.
  func readGzip(_ bytes: ByteSource, source: String, fileName: String, depth: Int) throws -> Bool {
    let inflated = GzipBytes(bytes)
    return try readStream(
      inflated, source: source, fileName: fileName, depth: depth + 1,
      near: { "byte \(inflated.position) of the compressed data" })
  }

  /// Reads a stream whose format its first bytes tell; false when it broke part way.
  func readStream(
    _ bytes: ByteSource, source: String, fileName: String, depth: Int,
    near: () -> String? = { nil }
  ) throws -> Bool {
    guard depth <= reader.maxDepth else {
      fail(source, "archives nested deeper than \(reader.maxDepth) are not opened; not read")
      return true
    }
    let peeked: PeekedBytes
    do { peeked = try PeekedBytes(bytes) } catch let failure as InputFailure {
      fail(source, "cannot be read: \(failure.reason)")
      return false
    }
    switch ByteFormat.detect(peeked.prefix) {
    case .plain:
      return try scan(peeked, source: source, fileName: fileName, near: near)
    case .compressed("gzip"):
      return try readGzip(peeked, source: source, fileName: fileName, depth: depth)
    case .compressed, .archive:
      return try readContainer(
        peeked, seekable: nil, source: source, fileName: fileName, depth: depth)
    case .unsupported(let what):
      fail(source, "a \(what), which lookup does not open; not read")
      return true
    }
  }

  /// Scans a plain stream; damage ends it, and the findings before it are kept.
  func scan(
    _ bytes: ByteSource, source: String, fileName: String, near: () -> String?
  ) throws -> Bool {
    var failure: InputFailure?
    let read = try reader.sink.consume(source: source, fileName: fileName) { buffer in
      if reader.shouldStop() { return 0 }
      do { return try bytes.read(into: UnsafeMutableRawBufferPointer(buffer)) } catch let error
        as InputFailure
      {
        failure = error
        return 0
      }
    }
    guard let failure else { return true }
    let place = ["byte \(read.bytes) of its content"] + [near()].compactMap { $0 }
    fail(
      source,
      "damaged after line \(read.lines) (\(place.joined(separator: ", "))): \(failure.reason); "
        + "what came before was read")
    return false
  }

  // MARK: Archives

  /// Reads a compressed stream or an archive; false when it broke part way.
  func readContainer(
    _ bytes: ByteSource, seekable: Int32?, source: String, fileName: String, depth: Int
  ) throws -> Bool {
    let archive: ArchiveReader
    let first: ArchiveReader.Entry?
    do {
      archive = try ArchiveReader(source: bytes, seekable: seekable)
      first = try archive.next()
    } catch let failure as InputFailure {
      fail(source, "cannot be read: \(failure.reason)")
      return false
    }
    guard let first else { return true }
    if archive.isRaw {
      return try readStream(
        EntryBytes(archive), source: source, fileName: fileName, depth: depth + 1,
        near: { "near byte \(archive.consumed) of the compressed data" })
    }
    if let seekable, !archive.isCompressed {
      return try readInOrder(descriptor: seekable, source: source, depth: depth)
    }
    return try readInArchiveOrder(archive, first: first, source: source, depth: depth)
  }

  /// Entries as they come: inside a compressed archive (`.tar.gz`) or a stream that cannot
  /// seek, going back would mean inflating everything again.
  func readInArchiveOrder(
    _ archive: ArchiveReader, first: ArchiveReader.Entry, source: String, depth: Int
  ) throws -> Bool {
    var current: ArchiveReader.Entry? = first
    while let entry = current {
      if reader.shouldStop() { return true }
      guard try readEntry(entry, of: archive, container: source, depth: depth) else {
        return false
      }
      do { current = try archive.next() } catch let failure as InputFailure {
        fail(source, "damaged after entry \(entry.name): \(failure.reason)")
        return false
      }
    }
    return true
  }

  /// Entries in reading order (rotated sets oldest first): the archive is listed, then
  /// opened again wherever the next entry to read lies before the current one.
  func readInOrder(descriptor: Int32, source: String, depth: Int) throws -> Bool {
    var entries: [ArchiveReader.Entry] = []
    var listing: InputFailure?
    // Listed from the start: the reader that told the format has read a header already.
    do {
      guard lseek(descriptor, 0, SEEK_SET) == 0 else {
        throw InputFailure(reason: String(cString: strerror(errno)))
      }
      let lister = try ArchiveReader(source: DescriptorBytes(descriptor), seekable: descriptor)
      while let entry = try lister.next() { entries.append(entry) }
    } catch let failure as InputFailure {
      listing = failure
    }
    var positions: [Int] = []
    for (index, entry) in entries.enumerated() where entry.isFile {
      if LogFileName(entry.name).kind == .other {
        onNotice(
          .init(.skipped, source: "\(source)!\(entry.name)", message: "not a log by its name"))
      } else {
        positions.append(index)
      }
    }
    let order = LogFileName.readingOrder(positions) { entries[$0].name }
    var cursor: (archive: ArchiveReader, index: Int)?
    var intact = true
    var brokeAt = -1
    for target in order {
      if reader.shouldStop() { return true }
      do {
        if cursor == nil || cursor!.index >= target {
          cursor = nil
          guard lseek(descriptor, 0, SEEK_SET) == 0 else {
            throw InputFailure(reason: String(cString: strerror(errno)))
          }
          cursor = (
            try ArchiveReader(source: DescriptorBytes(descriptor), seekable: descriptor), -1
          )
        }
        while cursor!.index < target {
          guard try cursor!.archive.next() != nil else {
            throw InputFailure(reason: "the archive ends before entry \(entries[target].name)")
          }
          cursor!.index += 1
        }
      } catch let failure as InputFailure {
        fail("\(source)!\(entries[target].name)", "cannot be reached: \(failure.reason)")
        intact = false
        brokeAt = max(brokeAt, target)
        cursor = nil
        continue
      }
      if try !readEntry(entries[target], of: cursor!.archive, container: source, depth: depth) {
        intact = false
        brokeAt = max(brokeAt, target)
        cursor = nil
      }
    }
    if let listing, brokeAt < entries.count - 1 {
      let after = entries.last.map { " after entry \($0.name)" } ?? ""
      fail(source, "damaged\(after): \(listing.reason); the entries before were read")
      intact = false
    }
    return intact
  }

  /// One entry: read when it is a file named like a log (or an archive), else passed over.
  func readEntry(
    _ entry: ArchiveReader.Entry, of archive: ArchiveReader, container: String, depth: Int
  ) throws -> Bool {
    let source = "\(container)!\(entry.name)"
    guard entry.isFile else { return true }
    let name = LogFileName(entry.name)
    if name.kind == .other {
      onNotice(.init(.skipped, source: source, message: "not a log by its name"))
      return true
    }
    if entry.isEncrypted {
      fail(source, "encrypted; not read")
      return true
    }
    return try readStream(
      EntryBytes(archive), source: source, fileName: name.name, depth: depth + 1,
      near: { "near byte \(archive.consumed) of \(container)" })
  }
}
