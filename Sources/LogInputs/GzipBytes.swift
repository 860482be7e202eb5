import CZlib

/// A gzip stream inflated as it is read, with zlib: members one after another (`cat a.gz
/// b.gz`), memory at zlib's window and one input block, however much it inflates to. Every byte
/// inflated before damage or a cut is delivered before the failure is thrown, and the failure
/// says at which byte of the compressed data it happened.
final class GzipBytes: ByteSource {
  private let source: ByteSource
  private var stream = z_stream()
  private let input = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
  private var ended = false
  private var sourceEnded = false
  /// Compressed bytes read from the source, and how many of them zlib has not used yet.
  private var consumed = 0
  private var started = false

  init(_ source: ByteSource) { self.source = source }

  deinit {
    if started { inflateEnd(&stream) }
    input.deallocate()
  }

  /// Compressed bytes used so far.
  var position: Int { consumed - Int(stream.avail_in) }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    if !started {
      // 16 + 15: a gzip header, and the largest window.
      guard
        inflateInit2_(&stream, 16 + 15, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
          == Z_OK
      else { throw InputFailure(reason: "zlib could not start") }
      started = true
    }
    stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
    stream.avail_out = uInt(min(buffer.count, Int(UInt32.max)))
    while stream.avail_out > 0 && !ended {
      if stream.avail_in == 0 && !sourceEnded {
        do { try refill() } catch {
          if produced(buffer) > 0 { return produced(buffer) }
          throw error
        }
      }
      if stream.avail_in == 0 && sourceEnded {
        // Nothing more to inflate: a cut unless the last member had ended.
        if produced(buffer) > 0 { return produced(buffer) }
        throw InputFailure(reason: "the gzip data ends too soon")
      }
      let status = inflate(&stream, Z_NO_FLUSH)
      switch status {
      case Z_OK, Z_BUF_ERROR:
        continue
      case Z_STREAM_END:
        try nextMember()
      default:
        if produced(buffer) > 0 { return produced(buffer) }
        let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
        ended = true
        throw InputFailure(reason: "damaged gzip data (\(message))")
      }
    }
    return produced(buffer)
  }

  /// The next block of compressed bytes, or the end of the source.
  private func refill() throws {
    let count = try source.read(into: input)
    if count == 0 {
      sourceEnded = true
    } else {
      consumed += count
      stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
      stream.avail_in = uInt(count)
    }
  }

  private func produced(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
    buffer.count - Int(stream.avail_out)
  }

  /// After a member's end: another member follows, or the stream ends (bytes after the last
  /// member that start no member are ignored, as gzip does).
  private func nextMember() throws {
    if stream.avail_in == 0 && !sourceEnded { try refill() }
    guard stream.avail_in > 0, stream.next_in[0] == 0x1F else {
      ended = true
      return
    }
    inflateReset(&stream)
  }
}
