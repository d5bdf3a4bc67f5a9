import NIOCore

/// Closes connections that sit idle between requests too long, and answers 408 to clients
/// that are too slow to send a request head (slowloris).
///
/// Sits before the HTTP decoder so it sees raw bytes; the proxy handler tells it when a head
/// was decoded and when the connection is ready for the next one.
///
/// A keep-alive connection changes state twice per request, so arming is only a deadline store: one
/// timer per connection checks the deadline when it fires and re-arms itself for what is left. Scheduling
/// and cancelling a NIO task per state change cost about 15 000 instructions per request.
final class RequestHeadTimeoutHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let headerTimeout: TimeAmount
    private let idleTimeout: TimeAmount
    /// The longest a pending timer may sleep: a deadline set later is never earlier than the timer.
    private let timerPeriod: TimeAmount
    private var context: ChannelHandlerContext?
    private var timer: Scheduled<Void>?
    private var state = State.waitingForFirstByte
    /// When the current state's timeout expires; `distantFuture` while serving.
    private var deadline = NIODeadline.distantFuture

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
        self.timerPeriod = max(.milliseconds(1), min(self.headerTimeout, self.idleTimeout))
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { self.arm(self.idleTimeout) }
    }

    func channelActive(context: ChannelHandlerContext) {
        self.arm(self.idleTimeout)
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
            self.arm(self.headerTimeout)
        }
        context.fireChannelRead(data)
    }

    /// A complete request head was decoded.
    func requestHeadReceived() {
        self.state = .serving
        // The pending timer stays: it finds nothing to do when it fires, or a later deadline to wait for.
        self.deadline = .distantFuture
    }

    /// The response is done and the connection stays open.
    func readyForNextRequest() {
        self.state = .waitingForFirstByte
        self.arm(self.idleTimeout)
    }

    private enum Expiry { case idle, header }

    private func arm(_ timeout: TimeAmount) {
        guard self.context != nil else { return }
        let now = NIODeadline.now()
        self.deadline = now + timeout
        if self.timer == nil { self.scheduleTimer(now: now) }
    }

    /// Sleeps until the deadline, but never longer than `timerPeriod`, so that every deadline armed
    /// while it sleeps lies at or after its wake-up.
    private func scheduleTimer(now: NIODeadline) {
        guard let context = self.context else { return }
        let wakeUp = min(self.deadline, now + self.timerPeriod)
        self.timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: wakeUp) {
            self.timerFired()
        }
    }

    private func timerFired() {
        self.timer = nil
        guard self.context != nil else { return }
        let now = NIODeadline.now()
        switch self.state {
        case .serving:
            return  // re-armed by the next state change
        case .waitingForFirstByte, .readingHead:
            if now >= self.deadline {
                self.expired(self.state == .readingHead ? .header : .idle)
            } else {
                self.scheduleTimer(now: now)
            }
        }
    }

    private func expired(_ expiry: Expiry) {
        guard let context = self.context else { return }
        switch expiry {
        case .idle:
            context.close(promise: nil)
        case .header:
            // Written raw: the HTTP encoder sits behind us and no response is under way.
            let body = "request header timeout\n"
            let response =
                "HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
                + "content-length: \(body.utf8.count)\r\nconnection: close\r\n\r\n" + body
            context.writeAndFlush(NIOAny(context.channel.allocator.buffer(string: response))).assumeIsolated()
                .whenComplete { _ in context.close(promise: nil) }
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
