import NIOCore

/// Closes connections that sit idle between requests too long, and answers 408 to clients
/// that are too slow to send a request head (slowloris).
///
/// Sits before the HTTP decoder so it sees raw bytes; the proxy handler tells it when a head
/// was decoded and when the connection is ready for the next one.
final class RequestHeadTimeoutHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let headerTimeout: TimeAmount
    private let idleTimeout: TimeAmount
    private var context: ChannelHandlerContext?
    private var timer: Scheduled<Void>?
    private var state = State.waitingForFirstByte

    private enum State {
        /// Between requests, nothing of the next one seen yet: the idle timeout runs.
        case waitingForFirstByte
        /// Part of a head has arrived: the header timeout runs.
        case readingHead
        /// A request is being served: no timeout here (the upstream timeout applies).
        case serving
    }

    init(headerTimeout: Duration, idleTimeout: Duration) {
        self.headerTimeout = TimeAmount(headerTimeout)
        self.idleTimeout = TimeAmount(idleTimeout)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { self.arm(self.idleTimeout, expired: .idle) }
    }

    func channelActive(context: ChannelHandlerContext) {
        self.arm(self.idleTimeout, expired: .idle)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.timer?.cancel()
        self.timer = nil
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.timer?.cancel()
        self.timer = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .waitingForFirstByte = self.state {
            self.state = .readingHead
            self.arm(self.headerTimeout, expired: .header)
        }
        context.fireChannelRead(data)
    }

    /// A complete request head was decoded.
    func requestHeadReceived() {
        self.state = .serving
        self.timer?.cancel()
        self.timer = nil
    }

    /// The response is done and the connection stays open.
    func readyForNextRequest() {
        self.state = .waitingForFirstByte
        self.arm(self.idleTimeout, expired: .idle)
    }

    private enum Expiry { case idle, header }

    private func arm(_ timeout: TimeAmount, expired: Expiry) {
        self.timer?.cancel()
        guard let context = self.context else { return }
        self.timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            self.expired(expired)
        }
    }

    private func expired(_ expiry: Expiry) {
        self.timer = nil
        guard let context = self.context else { return }
        switch (expiry, self.state) {
        case (.idle, .waitingForFirstByte):
            context.close(promise: nil)
        case (.header, .readingHead):
            // Written raw: the HTTP encoder sits behind us and no response is under way.
            let body = "request header timeout\n"
            let response =
                "HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
                + "content-length: \(body.utf8.count)\r\nconnection: close\r\n\r\n" + body
            context.writeAndFlush(NIOAny(context.channel.allocator.buffer(string: response))).assumeIsolated()
                .whenComplete { _ in context.close(promise: nil) }
        default:
            break
        }
    }
}

@available(*, unavailable)
extension RequestHeadTimeoutHandler: Sendable {}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
