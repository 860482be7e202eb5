/// Where the bytes of the streams an input holds go: the scanner, for `lookup`. LogInputs finds
/// the streams (files, folders, archive entries, standard input, files that grow) and hands
/// over their names and bytes; it knows nothing of lines or findings.
public protocol StreamSink {
  /// Reads one stream to its end and says how much it held. `read` fills the buffer it is
  /// given and returns the count, 0 at the end; it throws ``InputFailure`` when the stream
  /// cannot be read further. `source` names the stream in what the sink reports;
  /// `fileName` is the name whose prefix may tell the product.
  func consume(
    source: String, fileName: String, read: (UnsafeMutableBufferPointer<UInt8>) throws -> Int
  ) throws -> StreamCount

  /// A stream its owner feeds as it grows (a followed file).
  func growing(source: String) -> any GrowingStream

  /// Standard input is a split of a larger plain file, starting with lines before it: it is
  /// read as text whatever its first bytes look like.
  var standardInputIsSplit: Bool { get }
}

/// How much of a stream was read.
public struct StreamCount: Sendable, Equatable {
  /// Lines read (a last line without a line feed counts).
  public var lines: Int
  /// Bytes read.
  public var bytes: Int

  /// A count of `lines` and `bytes`.
  public init(lines: Int, bytes: Int) {
    self.lines = lines
    self.bytes = bytes
  }
}

/// A stream fed as it arrives: write into ``space``, announce the bytes with
/// ``received(_:)``, end with ``finish()``.
public protocol GrowingStream: AnyObject {
  /// Where the next bytes go; never empty.
  var space: UnsafeMutableBufferPointer<UInt8> { get }
  /// `count` more bytes were written into ``space``.
  func received(_ count: Int) throws
  /// The stream ended (its file was replaced or following stopped).
  func finish() throws
}
