import NIOCore
import Synchronization

extension UpstreamClient {
    /// Sends `request` with a body held in memory and collects the whole response, for small exchanges
    /// such as exports. When `timeout` passes first it fails with `.responseTimeout`; when the response body
    /// exceeds `maxResponseBytes`, with `.other`. Either way the exchange is cancelled and over on return.
    package func send(
        _ request: UpstreamRequest,
        body: ByteBuffer?,
        on eventLoop: any EventLoop,
        maxResponseBytes: Int = 4 << 20,
        timeout: Duration
    ) async throws(UpstreamError) -> (head: UpstreamResponseHead, body: ByteBuffer) {
        let response = try await self.exchange(
            request, body: body, on: eventLoop, maxResponseBytes: maxResponseBytes, timeout: timeout)
        return (response.head, response.body)
    }

    /// `send`, keeping the trailers too (gRPC reads its status there).
    package func exchange(
        _ request: UpstreamRequest,
        body: ByteBuffer?,
        on eventLoop: any EventLoop,
        maxResponseBytes: Int = 4 << 20,
        timeout: Duration
    ) async throws(UpstreamError) -> BufferedUpstreamResponse {
        var request = request
        if let body, request.body == .none { request.body = .length(Int64(body.readableBytes)) }
        let promise = eventLoop.makePromise(of: BufferedUpstreamResponse.self)
        let collector = BufferedResponseCollector(promise: promise, maxResponseBytes: maxResponseBytes)
        let exchange = self.start(request, on: eventLoop, handler: collector)
        collector.attach(exchange)
        if request.body != .none {
            if let body { exchange.writeRequestBody(body) }
            exchange.finishRequestBody()
        }
        let deadline = eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            collector.abort(UpstreamError(.responseTimeout, detail: "No complete response within \(timeout)."))
        }
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                promise.futureResult.whenComplete { continuation.resume(returning: $0) }
            }
        } onCancel: {
            exchange.cancel()
        }
        deadline.cancel()
        switch result {
        case .success(let response): return response
        case .failure(let error as UpstreamError): throw error
        case .failure(let error): throw UpstreamError(.other, detail: "\(error)")
        }
    }
}

/// A whole response, as `exchange(_:body:on:maxResponseBytes:timeout:)` returns it.
package struct BufferedUpstreamResponse: Sendable {
    package var head: UpstreamResponseHead
    package var body: ByteBuffer
    /// Fields after the body; empty when there were none.
    package var trailers: [(name: String, value: String)]
}

/// Collects one response for `send`.
private final class BufferedResponseCollector: UpstreamResponseHandler, Sendable {
    private struct State {
        var head: UpstreamResponseHead?
        var body = ByteBuffer()
        var trailers: [(name: String, value: String)] = []
        var exchange: (any UpstreamExchange)?
        /// Why we cancelled the exchange; reported instead of `.cancelled`.
        var abortReason: UpstreamError?
    }

    private let promise: EventLoopPromise<BufferedUpstreamResponse>
    private let maxResponseBytes: Int
    // A lock rather than event-loop confinement: `attach` runs on the caller's thread.
    private let state = Mutex(State())

    init(promise: EventLoopPromise<BufferedUpstreamResponse>, maxResponseBytes: Int) {
        self.promise = promise
        self.maxResponseBytes = maxResponseBytes
    }

    func attach(_ exchange: any UpstreamExchange) {
        let abortedEarly = self.state.withLock { state -> Bool in
            state.exchange = exchange
            return state.abortReason != nil
        }
        if abortedEarly { exchange.cancel() }
    }

    /// Cancels the exchange; its completion then reports `reason`.
    func abort(_ reason: UpstreamError) {
        let exchange = self.state.withLock { state -> (any UpstreamExchange)? in
            if state.abortReason != nil { return nil }
            state.abortReason = reason
            return state.exchange
        }
        exchange?.cancel()
    }

    func upstreamReceivedHead(_ head: UpstreamResponseHead) {
        self.state.withLock { $0.head = head }
    }

    func upstreamReceivedBodyPart(_ part: ByteBuffer) {
        var part = part
        let tooLarge = self.state.withLock { state -> Bool in
            if state.abortReason != nil { return false }
            if state.body.readableBytes + part.readableBytes > self.maxResponseBytes { return true }
            state.body.writeBuffer(&part)
            return false
        }
        if tooLarge {
            self.abort(UpstreamError(.other, detail: "Response body exceeds \(self.maxResponseBytes) bytes."))
        }
    }

    func upstreamCompleted(error: UpstreamError?, timings: UpstreamTimings) {
        let outcome = self.state.withLock { state -> Result<BufferedUpstreamResponse, UpstreamError> in
            state.exchange = nil
            if let reason = state.abortReason { return .failure(reason) }
            if let error { return .failure(error) }
            guard let head = state.head else {
                return .failure(UpstreamError(.protocolError, detail: "The exchange ended without a response head."))
            }
            return .success(BufferedUpstreamResponse(head: head, body: state.body, trailers: state.trailers))
        }
        self.promise.completeWith(outcome.mapError { $0 as any Error })
    }

    func upstreamRequestBodyWritable() {}

    func upstreamReceivedTrailers(_ trailers: [(name: String, value: String)]) {
        self.state.withLock { $0.trailers = trailers }
    }
}
