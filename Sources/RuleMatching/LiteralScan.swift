import CVectorscan
import Foundation
import LogRules

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The rules' trigger literals as one Vectorscan database, compiled at its first use so that a
/// pasted line never pays for it.
///
/// A rule matches only where all its literals occur, so one literal per rule (its longest)
/// decides which lines are read, and a trigger that contains a shorter trigger adds nothing.
/// Extractors' literals are left out: they are only looked for on lines that are read.
package final class LiteralDatabase: @unchecked Sendable {
  // `database` is written once, under `lock`; a compiled database is read-only and may be
  // shared by threads, each scanning with its own scratch.
  // The triggers are chosen at the first use too: a pasted line never needs them.
  private let rules: [Rule]
  private let extra: [String]
  private let lock = NSLock()
  private var database: OpaquePointer?
  private var tried = false

  /// `extra`: texts that make a line worth reading although no rule names them (the
  /// normalisation's triggers).
  init(rules: [Rule], extra: [String] = []) {
    self.rules = rules
    self.extra = extra
  }

  deinit { if let database { hs_free_database(database) } }

  /// One literal per rule, its longest; a trigger that holds another trigger is dropped.
  static func triggers(of rules: [Rule], extra: [String] = []) -> [[UInt8]] {
    var chosen: [[UInt8]] = extra.map { Array($0.utf8) }
    for rule in rules {
      guard let longest = rule.literals.map({ Array($0.utf8) }).max(by: { $0.count < $1.count }),
        !longest.isEmpty
      else { continue }
      chosen.append(longest)
    }
    var kept: [[UInt8]] = []
    let shortestFirst = Set(chosen).sorted {
      $0.count != $1.count ? $0.count < $1.count : $0.lexicographicallyPrecedes($1)
    }
    for literal in shortestFirst {
      if !kept.contains(where: { Self.contains(literal, $0) }) { kept.append(literal) }
    }
    return kept
  }

  private static func contains(_ text: [UInt8], _ part: [UInt8]) -> Bool {
    guard part.count <= text.count else { return false }
    for start in 0...(text.count - part.count)
    where text[start..<(start + part.count)].elementsEqual(part) {
      return true
    }
    return false
  }

  /// The compiled database; nil when there are no triggers or Vectorscan refused them (the
  /// scanner then uses its own prefilter).
  func compiled() -> OpaquePointer? {
    lock.lock()
    defer { lock.unlock() }
    if tried { return database }
    tried = true
    let triggers = Self.triggers(of: rules, extra: extra)
    guard !triggers.isEmpty else { return nil }
    if let cached = DatabaseCache(triggers: triggers)?.load() {
      database = cached
      return cached
    }
    let pointers = triggers.map { literal -> UnsafeMutablePointer<CChar> in
      let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: literal.count)
      literal.withUnsafeBufferPointer { bytes in
        UnsafeMutableRawPointer(pointer).copyMemory(
          from: bytes.baseAddress!, byteCount: bytes.count)
      }
      return pointer
    }
    defer { for pointer in pointers { pointer.deallocate() } }
    var expressions = pointers.map { UnsafePointer<CChar>?(UnsafePointer($0)) }
    var flags = [UInt32](repeating: 0, count: triggers.count)
    var ids = (0..<triggers.count).map { UInt32($0) }
    var lengths = triggers.map(\.count)
    var compiled: OpaquePointer?
    var error: UnsafeMutablePointer<hs_compile_error_t>?
    let status = hs_compile_lit_multi(
      &expressions, &flags, &ids, &lengths, UInt32(triggers.count), UInt32(HS_MODE_BLOCK), nil,
      &compiled, &error)
    if status != HS_SUCCESS {
      if let error { hs_free_compile_error(error) }
      return nil
    }
    database = compiled
    if let compiled { DatabaseCache(triggers: triggers)?.store(compiled) }
    return compiled
  }
}

/// The compiled database kept in `$XDG_CACHE_HOME/applinkskb` (or `~/.cache/applinkskb`), so
/// that a large input does not wait for the compiler, nor keep the memory it used.
///
/// The file is named by a hash of the triggers and the Vectorscan version, and holds the
/// triggers themselves: a file for other triggers, another version, a truncated or corrupt one
/// (Vectorscan checks its own checksum) is ignored and written again. It is written to a
/// temporary file and renamed, so readers see it old or new and complete. Any failure only
/// means compiling.
struct DatabaseCache {
  let path: String
  let header: [UInt8]

  init?(triggers: [[UInt8]]) {
    let environment = ProcessInfo.processInfo.environment
    let base: String
    if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
      base = cache
    } else if let home = environment["HOME"], home.hasPrefix("/") {
      base = home + "/.cache"
    } else {
      return nil
    }
    let version = String(cString: hs_version())
    var header = Array("applinkskb vectorscan literals 1\n\(version)\n".utf8)
    for trigger in triggers {
      header += Array(String(trigger.count).utf8) + [0x20] + trigger + [0x0A]
    }
    header += [0x0A]
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in header { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
    path = base + "/applinkskb/literals-" + String(hash, radix: 16) + ".hsdb"
    self.header = header
  }

  func load() -> OpaquePointer? {
    guard let data = FileManager.default.contents(atPath: path), data.count > header.count,
      data.prefix(header.count).elementsEqual(header)
    else { return nil }
    let body = Array(data.dropFirst(header.count))
    var database: OpaquePointer?
    let status = body.withUnsafeBufferPointer { bytes in
      bytes.withMemoryRebound(to: CChar.self) {
        hs_deserialize_database($0.baseAddress, $0.count, &database)
      }
    }
    return status == HS_SUCCESS ? database : nil
  }

  func store(_ database: OpaquePointer) {
    var bytes: UnsafeMutablePointer<CChar>?
    var length = 0
    guard hs_serialize_database(database, &bytes, &length) == HS_SUCCESS, let bytes else { return }
    defer { free(bytes) }
    var data = Data(header)
    data.append(
      UnsafeBufferPointer(start: bytes, count: length).withMemoryRebound(to: UInt8.self) {
        Data($0)
      })
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let temporary = path + ".\(getpid()).tmp"
    guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
    if rename(temporary, path) != 0 { unlink(temporary) }
  }
}

/// Finds, for one thread, the lines of a block that hold a trigger literal.
final class LiteralScanner {
  private let database: OpaquePointer
  private var scratch: OpaquePointer?
  private let hits = HitList()

  init?(_ database: LiteralDatabase) {
    guard let compiled = database.compiled() else { return nil }
    self.database = compiled
    guard hs_alloc_scratch(compiled, &scratch) == HS_SUCCESS, scratch != nil else { return nil }
  }

  deinit { if let scratch { hs_free_scratch(scratch) } }

  /// One offset inside each line of `from..<to` that holds a trigger, in increasing order;
  /// nil when Vectorscan failed (the caller then reads the block its own way).
  func lines(in base: UnsafePointer<UInt8>, from: Int, to: Int) -> [Int]? {
    hits.reset(base: base + from, count: to - from)
    guard to > from else { return [] }
    let status = UnsafeRawPointer(base + from).withMemoryRebound(
      to: CChar.self, capacity: to - from
    ) {
      text in
      hs_scan(
        database, text, UInt32(to - from), 0, scratch,
        { _, _, to, _, context in
          Unmanaged<HitList>.fromOpaque(context!).takeUnretainedValue().found(endingAt: Int(to))
          return 0
        }, Unmanaged.passUnretained(hits).toOpaque())
    }
    guard status == HS_SUCCESS else { return nil }
    return hits.offsets(shiftedBy: from)
  }
}

/// Match ends as Vectorscan reports them, kept once per line.
private final class HitList {
  private var base: UnsafePointer<UInt8>?
  private var count = 0
  private var found: [Int] = []
  /// The line feed that ends the last line recorded (relative to the scan's start).
  private var lineEnd = -1
  private var ordered = true

  func reset(base: UnsafePointer<UInt8>, count: Int) {
    self.base = base
    self.count = count
    found.removeAll(keepingCapacity: true)
    lineEnd = -1
    ordered = true
  }

  /// `to` is where the literal ends, relative to the scan's start; its last byte is in the line.
  func found(endingAt to: Int) {
    let last = to - 1
    if last < lineEnd {
      // Vectorscan reports in order of end; should it not, nothing is lost.
      if let previous = found.last, last < previous { ordered = false } else { return }
    }
    found.append(last)
    guard let base else { return }
    lineEnd =
      memchr(base + to, 0x0A, count - to).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
      ?? count
  }

  func offsets(shiftedBy from: Int) -> [Int] {
    var result = found.map { $0 + from }
    if !ordered { result.sort() }
    return result
  }
}
