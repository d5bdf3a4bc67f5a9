import Logging
import NIOCore
import NIOHTTP1
import TraceProxyTracing
import TraceProxyUpstream

/// Serves one client connection's requests, one at a time (the pipelining handler before it
/// queues the next), by forwarding each to the upstream and streaming the answer back.
///
/// Runs on the channel's event loop only, and so do the upstream callbacks.
final class ProxyRequestHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let shared: ProxyContext
    private let headTimeout: RequestHeadTimeoutHandler
    private var context: ChannelHandlerContext?
    private var clientAddress: String?

    private var state = State.idle
    private var exchange: (any UpstreamExchange)?
    private var observation: RequestObservation?
    private var requestVersion = HTTPVersion.http1_1
    private var keepAlive = true
    /// Request body backpressure: the upstream's buffer is full, so reads from the client wait.
    private var readsPaused = false
    private var readPending = false
    /// Response backpressure: the client is not keeping up, so the upstream is paused.
    private var responsePaused = false
    /// Response parts were written but not flushed; `upstreamDeliveryEnded` flushes them together.
    private var flushScheduled = false

    init(shared: ProxyContext, headTimeout: RequestHeadTimeoutHandler) {
        self.shared = shared
        self.headTimeout = headTimeout
    }

    /// Where the current exchange is.
    private enum State {
        /// Waiting for a request head.
        case idle
        /// The request was refused by the proxy itself; its remaining body parts are ignored.
        case rejecting
        /// Forwarding: `responseStarted` once the upstream's head has been written to the client.
        case forwarding(requestEnded: Bool, responseStarted: Bool)
        /// The response is complete but the client is still sending a body nobody wants.
        case responseDoneAwaitingRequestEnd
        case closed
    }
}

@available(*, unavailable)
extension ProxyRequestHandler: Sendable {}

// MARK: - ChannelHandler

extension ProxyRequestHandler {
    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        self.clientAddress = context.channel.remoteAddress?.ipAddress
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.abandonExchange(reason: "client_disconnected")
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.abandonExchange(reason: "client_disconnected")
        self.state = .closed
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch Self.unwrapInboundIn(data) {
        case .head(let head):
            self.receivedHead(head, context: context)
        case .body(let part):
            self.receivedBodyPart(part)
        case .end:
            self.receivedEnd(context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let parserError = error as? HTTPParserError {
            switch self.state {
            case .idle:
                self.observation = nil
                self.keepAlive = false
                self.writeProxyError(ProxyError(parserError: parserError), context: context)
            default:
                // A response is already under way: a status can no longer be sent.
                context.close(promise: nil)
            }
            return
        }
        self.shared.logger.debug("Client connection failed.", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, self.responsePaused {
            self.responsePaused = false
            self.exchange?.resumeResponse()
        }
        context.fireChannelWritabilityChanged()
    }

    func read(context: ChannelHandlerContext) {
        if self.readsPaused {
            self.readPending = true
        } else {
            context.read()
        }
    }
}

// MARK: - Client events

extension ProxyRequestHandler {
    private func receivedHead(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        self.headTimeout.requestHeadReceived()
        guard case .idle = self.state else {
            context.close(promise: nil)
            return
        }
        self.requestVersion = head.version
        self.keepAlive = head.isKeepAlive
        let options = self.shared.configuration.spans
        let spanContext = self.shared.propagation.spanContext(for: head.headers, clientSpan: options.clientSpans)
        let observation = RequestObservation(
            head: head,
            context: spanContext,
            clientAddress: self.clientAddress,
            startTimeUnixNano: WallClock.nowUnixNanoseconds(),
            options: options
        )
        self.observation = observation
        self.shared.inFlight.requestStarted()

        var request: UpstreamRequest
        switch UpstreamRequest.forwarding(
            head,
            upstream: self.shared.configuration.upstream,
            clientAddress: self.clientAddress,
            ownedFields: self.shared.propagation.ownedFields
        ) {
        case .success(let forwarded):
            request = forwarded
        case .failure(let error):
            self.state = .rejecting
            self.keepAlive = false
            self.writeProxyError(error, context: context)
            return
        }
        // A probe is not traced: the upstream sees the request as the prober sent it.
        if !observation.isProbe {
            self.shared.propagation.inject(spanContext, into: &request.headers)
        }

        if request.body != .none, head.headers[canonicalForm: "expect"].contains(where: { $0.lowercased() == "100-continue" }) {
            context.writeAndFlush(
                Self.wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))),
                promise: nil
            )
        }
        self.state = .forwarding(requestEnded: false, responseStarted: false)
        self.observation?.upstreamStartUnixNano = WallClock.nowUnixNanoseconds()
        self.exchange = self.shared.upstream.start(request, on: context.eventLoop, handler: self)
    }

    private func receivedBodyPart(_ part: ByteBuffer) {
        guard case .forwarding(requestEnded: false, _) = self.state, let exchange = self.exchange else { return }
        self.observation?.requestBodyBytes += Int64(part.readableBytes)
        if !exchange.writeRequestBody(part) {
            self.readsPaused = true
        }
    }

    private func receivedEnd(context: ChannelHandlerContext) {
        switch self.state {
        case .forwarding(requestEnded: false, let responseStarted):
            self.state = .forwarding(requestEnded: true, responseStarted: responseStarted)
            self.exchange?.finishRequestBody()
        case .responseDoneAwaitingRequestEnd:
            self.readyForNextRequest(context: context)
        case .rejecting, .idle, .forwarding, .closed:
            break
        }
    }
}

// MARK: - UpstreamResponseHandler

extension ProxyRequestHandler: UpstreamResponseHandler {
    func upstreamReceivedHead(_ upstreamHead: UpstreamResponseHead) {
        guard let context = self.context, case .forwarding(let requestEnded, responseStarted: false) = self.state else {
            return
        }
        self.observation?.statusCode = upstreamHead.status
        let options = self.shared.configuration.spans
        if !options.captureResponseHeaders.isEmpty {
            self.observation?.captureResponseHeaders(upstreamHead.headers, options: options)
        }
        var head = HTTPResponseHead(forwarding: upstreamHead, version: self.requestVersion)
        if options.traceResponse, let traceResponse = self.observation?.traceResponseValue {
            head.headers.replaceOrAdd(name: "traceresponse", value: traceResponse)
        }
        if self.requestVersion.minor == 0, !head.headers.contains(name: "content-length") {
            // An HTTP/1.0 client learns where the body ends only when the connection closes.
            self.keepAlive = false
        }
        if !self.keepAlive { head.headers.replaceOrAdd(name: "connection", value: "close") }
        self.state = .forwarding(requestEnded: requestEnded, responseStarted: true)
        context.write(Self.wrapOutboundOut(.head(head)), promise: nil)
        self.flushScheduled = true  // flushed in upstreamDeliveryEnded
    }

    func upstreamReceivedBodyPart(_ part: ByteBuffer) {
        guard let context = self.context, case .forwarding(_, responseStarted: true) = self.state else { return }
        self.observation?.responseBodyBytes += Int64(part.readableBytes)
        context.write(Self.wrapOutboundOut(.body(.byteBuffer(part))), promise: nil)
        self.flushScheduled = true  // flushed in upstreamDeliveryEnded
        if !context.channel.isWritable, !self.responsePaused {
            self.responsePaused = true
            self.exchange?.pauseResponse()
        }
    }

    func upstreamCompleted(error: UpstreamError?, timings: UpstreamTimings) {
        self.exchange = nil
        self.observation?.timings = timings
        self.observation?.upstreamEndUnixNano = WallClock.nowUnixNanoseconds()
        self.readsPaused = false
        self.responsePaused = false
        guard let context = self.context, case .forwarding(let requestEnded, let responseStarted) = self.state else {
            return
        }
        if let error {
            if error.kind == .cancelled { return }
            let proxyError = ProxyError.upstream(error)
            self.shared.logger.warning(
                "Upstream exchange failed.",
                metadata: ["error": "\(proxyError)", "response_started": "\(responseStarted)"]
            )
            if responseStarted {
                // A status can no longer be sent: closing is the only honest signal.
                self.observation?.failed = true
                self.observation?.errorType = proxyError.errorType
                self.finishObservation()
                self.state = .closed
                self.flushScheduled = false
                // What did arrive is passed on before the close, so the client sees a truncated body.
                context.flush()
                context.close(promise: nil)
                return
            }
            if !requestEnded { self.keepAlive = false }
            self.writeProxyError(proxyError, context: context)
            return
        }

        if !requestEnded { self.keepAlive = false }
        self.flushScheduled = false
        self.endResponse(requestEnded: requestEnded, context: context)
    }

    func upstreamDeliveryEnded() {
        guard self.flushScheduled else { return }
        self.flushScheduled = false
        self.context?.flush()
    }

    func upstreamRequestBodyWritable() {
        self.readsPaused = false
        if self.readPending, let context = self.context {
            self.readPending = false
            context.read()
        }
    }
}

// MARK: - Helpers

extension ProxyRequestHandler {
    /// Writes `.end` and moves on. The next state is set first: writing `.end` makes the pipelining
    /// handler deliver the next queued request at once, re-entering this handler.
    private func endResponse(requestEnded: Bool, context: ChannelHandlerContext) {
        let observation = self.observation
        self.observation = nil
        let close = !self.keepAlive
        if close {
            self.state = .closed
        } else if requestEnded {
            self.readyForNextRequest(context: context)
        } else {
            self.state = .responseDoneAwaitingRequestEnd
        }
        context.writeAndFlush(Self.wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            self.finish(observation)
        }
        if close { context.close(promise: nil) }
    }

    private func readyForNextRequest(context: ChannelHandlerContext) {
        self.state = .idle
        self.headTimeout.readyForNextRequest()
        if self.readPending {
            self.readPending = false
            context.read()
        }
    }

    /// Writes the proxy's own short answer; the span records why.
    private func writeProxyError(_ error: ProxyError, context: ChannelHandlerContext) {
        let body = context.channel.allocator.buffer(string: error.responseBody)
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "text/plain; charset=utf-8")
        headers.add(name: "content-length", value: String(body.readableBytes))
        if !self.keepAlive { headers.add(name: "connection", value: "close") }
        if self.shared.configuration.spans.traceResponse, let traceResponse = self.observation?.traceResponseValue {
            headers.add(name: "traceresponse", value: traceResponse)
        }
        let head = HTTPResponseHead(version: self.requestVersion, status: error.responseStatus, headers: headers)
        let status = Int(error.responseStatus.code)
        self.observation?.statusCode = status
        self.observation?.errorType = error.errorType
        self.observation?.statusMessage = error.responseBody.trimmingSuffixNewline()
        if status >= 500 { self.observation?.failed = true }

        let requestEnded: Bool
        if case .forwarding(let ended, _) = self.state { requestEnded = ended } else { requestEnded = false }
        if case .rejecting = self.state { self.keepAlive = false }
        context.write(Self.wrapOutboundOut(.head(head)), promise: nil)
        context.write(Self.wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        self.endResponse(requestEnded: requestEnded, context: context)
    }

    /// Ends the span for the current exchange and hands it on.
    private func finishObservation() {
        let observation = self.observation
        self.observation = nil
        self.finish(observation)
    }

    private func finish(_ observation: RequestObservation?) {
        guard let observation else { return }
        self.shared.finished(observation)
    }

    /// The client went away: stop the upstream transfer and record what was seen.
    private func abandonExchange(reason: String) {
        if let exchange = self.exchange {
            self.exchange = nil
            exchange.cancel()
            if self.observation?.errorType == nil {
                self.observation?.errorType = reason
            }
        }
        self.finishObservation()
    }
}

extension String {
    fileprivate func trimmingSuffixNewline() -> String {
        self.hasSuffix("\n") ? String(self.dropLast()) : self
    }
}
