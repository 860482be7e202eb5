import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

#if canImport(Glibc)
  import Glibc
#endif

/// Opens one TCP connection, and for https one TLS handshake, to read what the server serves:
/// the time to connect, the negotiated protocol and the certificate chain as sent. The chain
/// is accepted during the handshake so that it can be judged afterwards, by ``ChainVerdict``.
struct Connector: Sendable {
  var timeout: Double

  enum ConnectFailure: Error, Sendable, Equatable {
    case refused(String)
    case timedOut
    case unreachable(String)
    case other(String)
  }

  struct Handshake: Sendable {
    var version: TLSVersion?
    /// DER bytes of the certificates as served, leaf first.
    var chain: [[UInt8]]
  }

  /// The time a TCP connection took.
  func connect(address: String, port: Int) async -> Result<Duration, ConnectFailure> {
    let started = ContinuousClock.now
    do {
      let channel = try await bootstrap().connect(to: SocketAddress(ipAddress: address, port: port))
        .get()
      let elapsed = ContinuousClock.now - started
      try? await channel.close()
      return .success(elapsed)
    } catch {
      return .failure(Self.classify(error))
    }
  }

  /// A TLS handshake that accepts any chain, recording it; `legacy` allows TLS 1.0 and 1.1.
  func handshake(address: String, port: Int, serverName: String, legacy: Bool) async -> Result<
    Handshake, ConnectFailure
  > {
    var configuration = TLSConfiguration.makeClientConfiguration()
    // Java 11 and later, which the products run on, refuse TLS 1.0 and 1.1 by default.
    configuration.minimumTLSVersion = legacy ? .tlsv1 : .tlsv12
    // The host name is judged afterwards, by ChainVerdict, so that the handshake completes.
    configuration.certificateVerification = .noHostnameVerification
    if legacy { configuration.maximumTLSVersion = .tlsv11 }
    let served = NIOLockedValueBox<[[UInt8]]>([])
    let context: NIOSSLContext
    do { context = try NIOSSLContext(configuration: configuration) } catch {
      return .failure(.other("\(error)"))
    }
    let sni = NameResolution.isLiteralAddress(serverName) ? nil : serverName
    let limit = timeout
    do {
      let channel = try await bootstrap()
        .channelInitializer { channel in
          channel.eventLoop.makeCompletedFuture {
            let handler = try NIOSSLClientHandler(
              context: context, serverHostname: sni,
              customVerificationCallback: { certificates, promise in
                // A chain longer than 20 is cut: no real chain comes near it.
                let ders = certificates.prefix(20).compactMap { try? $0.toDERBytes() }
                served.withLockedValue { $0 = ders }
                promise.succeed(.certificateVerified)
              })
            try channel.pipeline.syncOperations.addHandler(handler)
            let watcher = HandshakeWatcher(promise: channel.eventLoop.makePromise())
            try channel.pipeline.syncOperations.addHandler(watcher)
          }
        }
        .connect(to: SocketAddress(ipAddress: address, port: port)).get()
      defer { channel.close(promise: nil) }
      let watcher = try await channel.pipeline.handler(type: HandshakeWatcher.self).get()
      let done = watcher.promise.futureResult
      let timer = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(limit * 1000))) {
        watcher.promise.fail(ConnectFailure.timedOut)
      }
      defer { timer.cancel() }
      try await done.get()
      let version = try? await channel.nioSSL_tlsVersion().get()
      return .success(Handshake(version: version, chain: served.withLockedValue { $0 }))
    } catch {
      return .failure(Self.classify(error))
    }
  }

  private func bootstrap() -> ClientBootstrap {
    ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .connectTimeout(.milliseconds(Int64(timeout * 1000)))
  }

  static func classify(_ error: any Error) -> ConnectFailure {
    if let failure = error as? ConnectFailure { return failure }
    if let channelError = error as? ChannelError, case .connectTimeout = channelError {
      return .timedOut
    }
    if let io = error as? IOError {
      switch io.errnoCode {
      case ECONNREFUSED: return .refused("Connection refused")
      case ETIMEDOUT: return .timedOut
      case ENETUNREACH: return .unreachable("Network is unreachable")
      case EHOSTUNREACH: return .unreachable("No route to host")
      default: return .other(String(cString: strerror(io.errnoCode)))
      }
    }
    return .other(String(describing: error))
  }
}

/// Completes its promise when the TLS handshake ends, or fails it with the handshake's error.
private final class HandshakeWatcher: ChannelInboundHandler, Sendable {
  typealias InboundIn = ByteBuffer
  let promise: EventLoopPromise<Void>

  init(promise: EventLoopPromise<Void>) { self.promise = promise }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
      promise.succeed(())
    }
    context.fireUserInboundEventTriggered(event)
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    promise.fail(error)
    context.close(promise: nil)
  }

  func channelInactive(context: ChannelHandlerContext) {
    promise.fail(ConnectorClosed())
    context.fireChannelInactive()
  }
}

/// The server closed the connection during the handshake.
struct ConnectorClosed: Error, CustomStringConvertible {
  var description: String { "the server closed the connection during the handshake" }
}
