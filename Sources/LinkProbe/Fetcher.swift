import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import SwiftASN1
import X509

/// GET requests as the products send them to a remote: redirects not followed, bounded time,
/// bodies cut at 1 MiB.
final class Fetcher: Sendable {
  /// Bodies longer than this are cut: no answer of these endpoints comes near it.
  static let bodyLimit = 1 << 20

  let client: HTTPClient
  let timeout: Double

  struct Response: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    var truncated: Bool
    /// When the request was sent and the answer's head came back.
    var sent: Date
    var received: Date

    func header(_ name: String) -> String? {
      headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The first characters of the body on one line, for the evidence.
    var excerpt: String {
      let flat = text.replacingOccurrences(
        of: "\\s+", with: " ", options: .regularExpression)
      return flat.count > 160 ? String(flat.prefix(160)) + "…" : flat
    }

    var looksLikeHTML: Bool {
      let start = text.prefix(512).lowercased()
      return (header("Content-Type") ?? "").lowercased().contains("text/html")
        || start.contains("<!doctype html") || start.contains("<html")
    }

    /// An HTML page's title, which names a login page or a proxy's error.
    var htmlTitle: String? {
      guard
        let range = text.range(
          of: "<title[^>]*>[^<]{0,200}</title>", options: [.regularExpression, .caseInsensitive])
      else { return nil }
      return text[range].replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        .trimmingCharacters(in: .whitespacesAndNewlines)
    }
  }

  enum Failure: Error, Sendable {
    case timedOut(String)
    case refused
    case tls(String)
    case other(String)
  }

  init(settings: ProbeSettings) throws(ProbeInputError) {
    var tls = TLSConfiguration.makeClientConfiguration()
    tls.minimumTLSVersion = .tlsv12
    if let truststore = settings.truststore {
      do {
        tls.trustRoots = .certificates(
          try truststore.certificates.map { certificate in
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            return try NIOSSLCertificate(bytes: serializer.serializedBytes, format: .der)
          })
      } catch {
        throw ProbeInputError("--truststore: a certificate cannot be used (\(error))")
      }
    }
    let seconds = TimeAmount.milliseconds(Int64(settings.timeout * 1000))
    var configuration = HTTPClient.Configuration(
      tlsConfiguration: tls, redirectConfiguration: .disallow,
      timeout: .init(connect: seconds, read: seconds), decompression: .disabled)
    configuration.dnsOverride = settings.resolve
    client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    timeout = settings.timeout
  }

  func shutdown() async { try? await client.shutdown() }

  func get(_ url: String, accept: String, authorization: String? = nil) async -> Result<
    Response, Failure
  > {
    var request = HTTPClientRequest(url: url)
    request.method = .GET
    request.headers.add(name: "Accept", value: accept)
    request.headers.add(name: "User-Agent", value: "lookup-probe")
    if let authorization { request.headers.add(name: "Authorization", value: authorization) }
    let limit = timeout
    let client = client
    let prepared = request
    do {
      // The deadline covers the body too: a server sending a byte at a time ends in time.
      return .success(
        try await withThrowingTaskGroup(of: Response?.self) { group in
          group.addTask {
            let sent = Date()
            let response = try await client.execute(
              prepared, deadline: .now() + .milliseconds(Int64(limit * 1000)))
            let received = Date()
            var body: [UInt8] = []
            var truncated = false
            for try await chunk in response.body {
              let room = Self.bodyLimit - body.count
              if chunk.readableBytes > room {
                body += chunk.readableBytesView.prefix(room)
                truncated = true
                break
              }
              body += chunk.readableBytesView
            }
            return Response(
              status: Int(response.status.code),
              headers: response.headers.map { ($0.name, $0.value) }, body: body,
              truncated: truncated, sent: sent, received: received)
          }
          group.addTask {
            try await Task.sleep(for: .milliseconds(Int(limit * 1000) + 500))
            return nil
          }
          defer { group.cancelAll() }
          guard let first = try await group.next(), let response = first else {
            throw Failure.timedOut("no complete answer within \(Self.seconds(limit))")
          }
          return response
        })
    } catch let failure as Failure {
      return .failure(failure)
    } catch {
      return .failure(Self.classify(error, limit: limit))
    }
  }

  static func classify(_ error: any Error, limit: Double) -> Failure {
    if let client = error as? HTTPClientError {
      if client == .connectTimeout || client == .readTimeout || client == .deadlineExceeded
        || client == .cancelled
      {
        return .timedOut("no answer within \(seconds(limit)) (\(client))")
      }
      return .other("\(client)")
    }
    if let ssl = error as? NIOSSLError { return .tls("\(ssl)") }
    switch Connector.classify(error) {
    case .refused: return .refused
    case .timedOut: return .timedOut("no answer within \(seconds(limit))")
    case .unreachable(let why), .other(let why): return .other(why)
    }
  }

  static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
  }
}
