import NIOCore

/// Every outbound HTTP exchange goes through this seam: proxied requests and exports alike.
package protocol UpstreamClient: Sendable {
    /// Starts an exchange. Events are delivered to `handler` on `eventLoop`, in order:
    /// `receivedHead` once, `receivedBodyPart` zero or more times, then `completed` exactly once
    /// (also after a failure or `cancel()`, unless cancelled before anything was delivered).
    /// Each run of events delivered together is followed by `upstreamDeliveryEnded()`.
    func start(
        _ request: UpstreamRequest,
        on eventLoop: any EventLoop,
        handler: any UpstreamResponseHandler
    ) -> any UpstreamExchange
}

/// Receives one exchange's events, always on the event loop given to `start`.
package protocol UpstreamResponseHandler: AnyObject {
    func upstreamReceivedHead(_ head: UpstreamResponseHead)
    func upstreamReceivedBodyPart(_ part: ByteBuffer)
    /// The exchange is over. `error` is nil when the whole response was received.
    func upstreamCompleted(error: UpstreamError?, timings: UpstreamTimings)
    /// The request body buffer drained below its low-water mark after `writeRequestBody` returned false:
    /// reading from the client may resume.
    func upstreamRequestBodyWritable()
    /// Trailer fields that followed the whole body (gRPC's `grpc-status`), just before a successful
    /// `upstreamCompleted`. Not called when there were none.
    func upstreamReceivedTrailers(_ trailers: [(name: String, value: String)])
    /// The events that arrived together (one hop from the client's transfer thread) have all been
    /// delivered: the moment to flush what they wrote, so head, body and end leave in one write.
    func upstreamDeliveryEnded()
}

extension UpstreamResponseHandler {
    /// Proxied responses are forwarded as HTTP/1.1 without trailers, so most handlers ignore them.
    package func upstreamReceivedTrailers(_ trailers: [(name: String, value: String)]) {}

    package func upstreamDeliveryEnded() {}
}

/// The caller's side of one running exchange. Safe to call from any thread.
package protocol UpstreamExchange: AnyObject, Sendable {
    /// Queues request body bytes. Returns false when the queue is above its high-water mark:
    /// stop reading from the client until `upstreamRequestBodyWritable()`.
    @discardableResult
    func writeRequestBody(_ part: ByteBuffer) -> Bool
    /// No more request body bytes.
    func finishRequestBody()
    /// Stop delivering response bytes (the client is not keeping up).
    func pauseResponse()
    /// Deliver response bytes again.
    func resumeResponse()
    /// Abort the exchange and release its connection. `upstreamCompleted` follows with `.cancelled`
    /// unless the exchange had already completed.
    func cancel()
}
