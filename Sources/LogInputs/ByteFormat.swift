/// What a stream holds, told by its first bytes (never by its name).
public enum ByteFormat: Sendable, Equatable {
  /// Text, or anything not recognised: scanned as it is.
  case plain
  /// A compressed stream libarchive inflates: gzip, bzip2, xz, zstd, lz4, compress (`.Z`).
  case compressed(String)
  /// An archive libarchive lists: zip (an Atlassian support zip) or tar.
  case archive(String)
  /// An archive this reader does not open (7-Zip, RAR): named, not read as text.
  case unsupported(String)

  /// How many bytes ``detect(_:)`` looks at: tar's magic sits at offset 257.
  public static let prefixLength = 262

  /// The format of a stream starting with `prefix` (fewer bytes when the stream is shorter).
  public static func detect(_ prefix: some Collection<UInt8>) -> ByteFormat {
    let bytes = Array(prefix.prefix(prefixLength))
    func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
      bytes.count >= offset + magic.count && Array(bytes[offset..<(offset + magic.count)]) == magic
    }
    if starts([0x1F, 0x8B]) { return .compressed("gzip") }
    if starts(Array("BZh".utf8)) { return .compressed("bzip2") }
    if starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .compressed("xz") }
    if starts([0x28, 0xB5, 0x2F, 0xFD]) { return .compressed("zstd") }
    if starts([0x04, 0x22, 0x4D, 0x18]) { return .compressed("lz4") }
    if starts([0x1F, 0x9D]) { return .compressed("compress") }
    if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06])
      || starts([0x50, 0x4B, 0x07, 0x08])
    {
      return .archive("zip")
    }
    if starts(Array("ustar".utf8), at: 257) { return .archive("tar") }
    if starts([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) { return .unsupported("7-Zip archive") }
    if starts(Array("Rar!".utf8)) { return .unsupported("RAR archive") }
    return .plain
  }
}
