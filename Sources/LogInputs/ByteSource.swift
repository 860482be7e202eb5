#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Bytes read in order: a file, standard input, an entry of an archive.
protocol ByteSource: AnyObject {
  /// Fills `buffer` from its start; returns the count, 0 at the end. Throws ``InputFailure``.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// An open file descriptor, which its owner closes.
final class DescriptorBytes: ByteSource {
  let descriptor: Int32

  init(_ descriptor: Int32) { self.descriptor = descriptor }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    while true {
      let count = readDescriptor(descriptor, buffer.baseAddress, buffer.count)
      if count >= 0 { return count }
      if errno == EINTR { continue }
      throw InputFailure(reason: String(cString: strerror(errno)))
    }
  }
}

/// `read(2)`, by a name a type's own `read` does not hide.
func readDescriptor(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(descriptor, buffer, count)
}

/// The bytes a format was told by, then the rest of the stream.
final class PeekedBytes: ByteSource {
  let prefix: [UInt8]
  private var position = 0
  private let rest: ByteSource

  /// Reads the first bytes of `source`: at least enough for the magic numbers of
  /// ``ByteFormat`` unless the stream ends first, and no more than one read gives beyond that
  /// (a terminal or a pipe is not kept waiting).
  init(_ source: ByteSource, minimum: Int = 8) throws {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while bytes.count < minimum {
      let count = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
      if count == 0 { break }
      bytes += chunk[0..<count]
    }
    prefix = bytes
    rest = source
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    guard position < prefix.count else { return try rest.read(into: buffer) }
    let count = min(buffer.count, prefix.count - position)
    prefix.withUnsafeBytes { bytes in
      buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + position, byteCount: count)
    }
    position += count
    return count
  }
}
