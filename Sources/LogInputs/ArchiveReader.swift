import CArchive

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An archive (zip, tar) or a compressed stream (gzip, bzip2, xz, zstd, lz4, compress) read
/// through libarchive, entry by entry, straight from a ``ByteSource``: nothing is extracted to
/// disk and memory stays at libarchive's own buffers. A compressed stream that holds no archive
/// is one entry, ``isRaw``.
final class ArchiveReader {
  /// One entry of an archive.
  struct Entry: Sendable, Equatable {
    var name: String
    /// A regular file (not a folder, a link or a device).
    var isFile: Bool
    var isEncrypted: Bool
  }

  private let archive: OpaquePointer
  private let feed: Feed

  /// What libarchive's callbacks read from.
  private final class Feed {
    let source: ByteSource
    /// For skipping and seeking, when the source is a regular file read from its start.
    let seekable: Int32?
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    /// What the source threw, for a message better than libarchive's.
    var failure: Error?

    init(source: ByteSource, seekable: Int32?) {
      self.source = source
      self.seekable = seekable
    }

    deinit { buffer.deallocate() }
  }

  /// Opens `source`; `seekable` is its descriptor when it is a regular file at offset 0, so
  /// that a zip is read through its central directory and skipped entries cost nothing.
  init(source: ByteSource, seekable: Int32? = nil) throws {
    guard let archive = archive_read_new() else {
      throw InputFailure(reason: "libarchive could not start")
    }
    self.archive = archive
    feed = Feed(source: source, seekable: seekable)
    // Each filter by name: archive_read_support_filter_all would also run external programs.
    _ = archive_read_support_filter_gzip(archive)
    _ = archive_read_support_filter_bzip2(archive)
    _ = archive_read_support_filter_xz(archive)
    _ = archive_read_support_filter_lzma(archive)
    _ = archive_read_support_filter_zstd(archive)
    _ = archive_read_support_filter_lz4(archive)
    _ = archive_read_support_filter_compress(archive)
    _ = archive_read_support_format_zip(archive)
    _ = archive_read_support_format_tar(archive)
    _ = archive_read_support_format_raw(archive)
    _ = archive_read_set_callback_data(archive, Unmanaged.passUnretained(feed).toOpaque())
    _ = archive_read_set_read_callback(archive) { _, client, buffer in
      let feed = Unmanaged<Feed>.fromOpaque(client!).takeUnretainedValue()
      do {
        let count = try feed.source.read(into: feed.buffer)
        buffer?.pointee = UnsafeRawPointer(feed.buffer.baseAddress)
        return count
      } catch {
        feed.failure = error
        return -1
      }
    }
    if seekable != nil {
      _ = archive_read_set_skip_callback(archive) { _, client, request in
        let feed = Unmanaged<Feed>.fromOpaque(client!).takeUnretainedValue()
        guard let descriptor = feed.seekable, lseek(descriptor, off_t(request), SEEK_CUR) >= 0
        else { return 0 }
        return request
      }
      _ = archive_read_set_seek_callback(archive) { _, client, offset, whence in
        let feed = Unmanaged<Feed>.fromOpaque(client!).takeUnretainedValue()
        guard let descriptor = feed.seekable else { return la_int64_t(ARCHIVE_FATAL) }
        let position = lseek(descriptor, off_t(offset), whence)
        return position >= 0 ? la_int64_t(position) : la_int64_t(ARCHIVE_FATAL)
      }
    }
    guard archive_read_open1(archive) >= ARCHIVE_WARN else {
      let failure = self.failure()
      archive_read_free(archive)
      throw failure
    }
  }

  deinit { archive_read_free(archive) }

  /// The next entry, nil at the end.
  func next() throws -> Entry? {
    block = UnsafeRawBufferPointer(start: nil, count: 0)
    var entry: OpaquePointer?
    let status = archive_read_next_header(archive, &entry)
    if status == ARCHIVE_EOF { return nil }
    guard status >= ARCHIVE_WARN, let entry else { throw failure() }
    let name =
      (archive_entry_pathname_utf8(entry) ?? archive_entry_pathname(entry))
      .map { String(decoding: UnsafeRawBufferPointer(start: $0, count: strlen($0)), as: UTF8.self) }
      ?? ""
    return Entry(
      name: name, isFile: archive_entry_filetype(entry) == 0o100000,
      isEncrypted: archive_entry_is_encrypted(entry) != 0)
  }

  /// The stream is one compressed file, not an archive: its single entry is its content.
  var isRaw: Bool { archive_format(archive) == ARCHIVE_FORMAT_RAW }

  /// The archive as a whole is compressed (a `.tar.gz`): skipping an entry means inflating it.
  var isCompressed: Bool { archive_filter_count(archive) > 1 }

  /// Bytes of the source consumed so far (read ahead of what was decoded, by up to a block).
  var consumed: Int64 { archive_filter_bytes(archive, -1) }

  /// The rest of the block libarchive gave last.
  private var block = UnsafeRawBufferPointer(start: nil, count: 0)

  /// Reads the current entry's data; 0 at its end. Block by block, so that every block
  /// decoded before damage is delivered (`archive_read_data` drops what it gathered in a call
  /// that meets an error).
  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    if block.isEmpty {
      var start: UnsafeRawPointer?
      var size = 0
      var offset: la_int64_t = 0
      let status = archive_read_data_block(archive, &start, &size, &offset)
      if status == ARCHIVE_EOF { return 0 }
      guard status >= ARCHIVE_WARN else { throw failure() }
      block = UnsafeRawBufferPointer(start: start, count: size)
      if block.isEmpty { return try read(into: buffer) }
    }
    let count = min(buffer.count, block.count)
    buffer.baseAddress!.copyMemory(from: block.baseAddress!, byteCount: count)
    block = UnsafeRawBufferPointer(rebasing: block[count...])
    return count
  }

  /// Passes over the current entry's data.
  func skip() throws {
    guard archive_read_data_skip(archive) >= ARCHIVE_WARN else { throw failure() }
  }

  private func failure() -> InputFailure {
    if let failure = feed.failure as? InputFailure { return failure }
    if let message = archive_error_string(archive) {
      return InputFailure(reason: String(cString: message))
    }
    return InputFailure(reason: "the data ends or is damaged")
  }
}

/// The data of the current entry of an archive, as a stream of its own.
final class EntryBytes: ByteSource {
  private let reader: ArchiveReader

  init(_ reader: ArchiveReader) { self.reader = reader }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    try reader.read(into: buffer)
  }
}
