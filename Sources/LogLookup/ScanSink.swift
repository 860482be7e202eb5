import LogInputs
import LogScanning

/// The streams LogInputs finds, scanned: each goes through the scanner, its findings to
/// `onFinding`, and what was read is tallied.
public final class ScanSink: StreamSink {
  /// The scanner every stream goes through.
  public let scanner: LogScanner
  /// What the streams read so far held.
  public private(set) var statistics = ScanStatistics()
  private let onFinding: (Finding) throws -> Void

  /// A sink that scans with `scanner` and hands each finding to `onFinding`.
  public init(scanner: LogScanner, onFinding: @escaping (Finding) throws -> Void) {
    self.scanner = scanner
    self.onFinding = onFinding
  }

  /// True when the scanner has a lead (``LogScanner/leadBytes``): standard input is then a split
  /// of a larger file and read as text.
  public var standardInputIsSplit: Bool { scanner.leadBytes > 0 }

  /// Scans one stream with ``scanner``, handing its findings on, and adds what it read to
  /// ``statistics``.
  public func consume(
    source: String, fileName: String, read: (UnsafeMutableBufferPointer<UInt8>) throws -> Int
  ) throws -> StreamCount {
    let read = try scanner.scan(
      source: source, fileName: fileName, onFinding: onFinding, read: read)
    statistics = statistics + read
    return StreamCount(lines: read.lines, bytes: read.bytes)
  }

  /// A scan that the caller feeds as the file grows (`--follow`); what it read is tallied when
  /// it ends.
  public func growing(source: String) -> any GrowingStream {
    Growing(stream: scanner.stream(source: source), sink: self)
  }

  /// A followed file's scan; what it read is tallied when it ends.
  private final class Growing: GrowingStream {
    let stream: ScanStream
    unowned let sink: ScanSink

    init(stream: ScanStream, sink: ScanSink) {
      self.stream = stream
      self.sink = sink
    }

    var space: UnsafeMutableBufferPointer<UInt8> { stream.space }

    func received(_ count: Int) throws { try stream.received(count, onFinding: sink.onFinding) }

    func finish() throws {
      sink.statistics = sink.statistics + (try stream.finish(onFinding: sink.onFinding))
    }
  }
}
