import NIOCore
import Synchronization

extension UpstreamClient {
    /// Sends `request` with a body held in memory and collects the whole response, for small exchanges
    /// such as exports. Fails with `.responseTimeout` when `timeout` passes first, and with `.other`
    /// when the response body exceeds `maxResponseBytes`; both cancel the exchange.
    package func send(
        _ request: UpstreamRequest,
        body: ByteBuffer?,
        on eventLoop: any EventLoop,
        maxResponseBytes: Int = 4 << 20,
        timeout: Duration
    ) async throws(UpstreamError) -> (head: UpstreamResponseHead, body: ByteBuffer) {
        var request = request
        if let body, request.body == .none { request.body = .length(Int64(body.readableBytes)) }
        let promise = eventLoop.makePromise(of: BufferedUpstreamResponse.self)
        let collector = BufferedResponseCollector(promise: promise, maxResponseBytes: maxResponseBytes)
        let exchange = self.start(request, on: eventLoop, handler: collector)
        if request.body != .none {
            if let body { exchange.writeRequestBody(body) }
            exchange.finishRequestBody()
        }
        let deadline = eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            collector.fail(UpstreamError(.responseTimeout, detail: "No complete response within \(timeout)."))
            exchange.cancel()
        }
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                promise.futureResult.whenComplete { continuation.resume(returning: $0) }
            }
        } onCancel: {
            exchange.cancel()
        }
        deadline.cancel()
        if case .failure = result { exchange.cancel() }
        switch result {
        case .success(let response): return (response.head, response.body)
        case .failure(let error as UpstreamError): throw error
        case .failure(let error): throw UpstreamError(.other, detail: "\(error)")
        }
    }
}

/// A whole response, as `send(_:body:on:maxResponseBytes:timeout:)` returns it.
struct BufferedUpstreamResponse: Sendable {
    var head: UpstreamResponseHead
    var body: ByteBuffer
}

/// Collects one response for `send`. Lives on the event loop given to `start`.
private final class BufferedResponseCollector: UpstreamResponseHandler, Sendable {
    private struct State {
        var head: UpstreamResponseHead?
        var body = ByteBuffer()
        var isDone = false
    }

    private let promise: EventLoopPromise<BufferedUpstreamResponse>
    private let maxResponseBytes: Int
    // A lock rather than event-loop confinement: the deadline and the exchange may race to finish.
    private let state = Mutex(State())

    init(promise: EventLoopPromise<BufferedUpstreamResponse>, maxResponseBytes: Int) {
        self.promise = promise
        self.maxResponseBytes = maxResponseBytes
    }

    func fail(_ error: UpstreamError) {
        let first = self.state.withLock { state -> Bool in
            defer { state.isDone = true }
            return !state.isDone
        }
        if first { self.promise.fail(error) }
    }

    func upstreamReceivedHead(_ head: UpstreamResponseHead) {
        self.state.withLock { $0.head = head }
    }

    func upstreamReceivedBodyPart(_ part: ByteBuffer) {
        var part = part
        let tooLarge = self.state.withLock { state -> Bool in
            if state.isDone { return false }
            if state.body.readableBytes + part.readableBytes > self.maxResponseBytes { return true }
            state.body.writeBuffer(&part)
            return false
        }
        if tooLarge {
            self.fail(UpstreamError(.other, detail: "Response body exceeds \(self.maxResponseBytes) bytes."))
        }
    }

    func upstreamCompleted(error: UpstreamError?, timings: UpstreamTimings) {
        let outcome = self.state.withLock { state -> Result<BufferedUpstreamResponse, UpstreamError>? in
            if state.isDone { return nil }
            state.isDone = true
            if let error { return .failure(error) }
            guard let head = state.head else {
                return .failure(UpstreamError(.protocolError, detail: "The exchange ended without a response head."))
            }
            return .success(BufferedUpstreamResponse(head: head, body: state.body))
        }
        switch outcome {
        case .success(let response): self.promise.succeed(response)
        case .failure(let error): self.promise.fail(error)
        case nil: break
        }
    }

    func upstreamRequestBodyWritable() {}
}
