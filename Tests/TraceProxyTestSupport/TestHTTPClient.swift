import NIOCore
import NIOPosix

/// A raw TCP client for tests that need exact bytes on the wire: no HTTP parsing, no framing.
package enum TestHTTPClient {
    /// Connects to 127.0.0.1:`port`, sends `request`, and returns every byte received until the peer closes
    /// or `timeout` passes (then the connection is closed and what arrived so far is returned).
    /// `later`, when not empty, is sent `pause` after `request` on the same connection.
    package static func rawExchange(
        port: Int,
        sending request: [UInt8],
        later: [UInt8] = [],
        pause: Duration = .zero,
        timeout: Duration = .seconds(5),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> [UInt8] {
        let eventLoop = group.next()
        let received = eventLoop.makePromise(of: [UInt8].self)
        let channel = try await ClientBootstrap(group: eventLoop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(TestHTTPClientCollector(received: received))
                }
            }
            .connect(host: "127.0.0.1", port: port)
            .get()
        let deadline = eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            channel.close(promise: nil)
        }
        try await channel.writeAndFlush(ByteBuffer(bytes: request))
        if !later.isEmpty {
            try await Task.sleep(for: pause)
            try await channel.writeAndFlush(ByteBuffer(bytes: later))
        }
        let bytes = try await received.futureResult.get()
        deadline.cancel()
        return bytes
    }

    /// `rawExchange` with a string request, decoded as UTF-8.
    package static func rawExchange(port: Int, sending request: String, timeout: Duration = .seconds(5)) async throws
        -> String
    {
        let bytes = try await self.rawExchange(port: port, sending: Array(request.utf8), timeout: timeout)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Gathers inbound bytes until the channel goes inactive.
final class TestHTTPClientCollector: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let received: EventLoopPromise<[UInt8]>
    private var bytes: [UInt8] = []

    init(received: EventLoopPromise<[UInt8]>) {
        self.received = received
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.bytes.append(contentsOf: Self.unwrapInboundIn(data).readableBytesView)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.received.succeed(self.bytes)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
