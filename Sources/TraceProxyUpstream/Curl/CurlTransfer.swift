import CCurlShims
import DequeModule
import NIOCore
import Synchronization

/// One upstream exchange run by `CurlMultiLoop`; the caller's `UpstreamExchange`.
///
/// Ownership: `shared` is locked and touched from any thread; the `curl*` and `pending*` fields belong to the
/// curl thread; `handler` and `held` belong to `eventLoop`.
final class CurlTransfer: UpstreamExchange, @unchecked Sendable {
    /// State that callers, the event loop and the curl thread all touch.
    struct SharedState {
        var requestBody = Deque<ByteBuffer>()
        var requestBodyBytes = 0
        var requestBodyFinished = false
        /// The read callback paused for want of bytes: the next write must wake it.
        var readerWaiting = false
        /// `writeRequestBody` returned false: `upstreamRequestBodyWritable` is owed.
        var writerBlocked = false
        /// The caller asked for no more response bytes.
        var clientPaused = false
        /// Response bytes taken from curl and not yet handed to the handler.
        var responseBytesInFlight = 0
        /// The write callback paused: a resume must be sent to the curl thread.
        var responseStalled = false
        /// Response parts wait in `held` on the event loop: `resumeResponse` must hop there to deliver them.
        var isHoldingResponse = false
        var cancelRequested = false
    }

    let request: UpstreamRequest
    let eventLoop: any EventLoop
    // Released on completion, which breaks the cycle with a handler that keeps its exchange.
    private var handler: (any UpstreamResponseHandler)?
    private let loop: CurlMultiLoop
    private let highWaterMark: Int
    private let lowWaterMark: Int
    let shared = Mutex(SharedState())

    // Curl thread only.
    var curlEasy: CurlEasyHandle?
    var curlHeaders: CurlHeaderList?
    var curlRecvPaused = false
    var curlSendPaused = false
    var curlLastActivity: UInt64 = 0
    var curlIsDirty = false
    var curlIsFinished = false
    private var parser = CurlResponseHeadParser()
    private var pendingHead: UpstreamResponseHead?
    private var pendingBody: ByteBuffer?
    private var pendingWritable = false
    private var pendingCompletion: CurlCompletion?

    // Event loop only.
    private var held = Deque<HeldResponsePart>()

    init(
        request: UpstreamRequest,
        eventLoop: any EventLoop,
        handler: any UpstreamResponseHandler,
        loop: CurlMultiLoop,
        configuration: CurlUpstreamClient.Configuration
    ) {
        self.request = request
        self.eventLoop = eventLoop
        self.handler = handler
        self.loop = loop
        self.highWaterMark = configuration.bodyHighWaterMark
        self.lowWaterMark = configuration.bodyLowWaterMark
    }

    // MARK: - UpstreamExchange

    func writeRequestBody(_ part: ByteBuffer) -> Bool {
        if self.request.body == .none { return true }
        let (accepted, wake) = self.shared.withLock { state -> (Bool, Bool) in
            if state.requestBodyFinished || state.cancelRequested { return (true, false) }
            state.requestBody.append(part)
            state.requestBodyBytes += part.readableBytes
            let wake = state.readerWaiting
            state.readerWaiting = false
            let accepted = state.requestBodyBytes < self.highWaterMark
            if !accepted { state.writerBlocked = true }
            return (accepted, wake)
        }
        if wake { self.loop.submit(.resumeSend(self)) }
        return accepted
    }

    func finishRequestBody() {
        let wake = self.shared.withLock { state -> Bool in
            if state.requestBodyFinished { return false }
            state.requestBodyFinished = true
            let wake = state.readerWaiting
            state.readerWaiting = false
            return wake
        }
        if wake { self.loop.submit(.resumeSend(self)) }
    }

    func pauseResponse() {
        self.shared.withLock { $0.clientPaused = true }
    }

    func resumeResponse() {
        let (drain, wake) = self.shared.withLock { state -> (Bool, Bool) in
            state.clientPaused = false
            return (state.isHoldingResponse, Self.takeResumeIfDue(&state, lowWaterMark: self.lowWaterMark))
        }
        // Always a hop, even on the event loop: the caller may be inside one of the handler's callbacks.
        if drain { self.eventLoop.execute { self.deliverHeld() } }
        if wake { self.loop.submit(.resumeReceive(self)) }
    }

    func cancel() {
        let first = self.shared.withLock { state -> Bool in
            defer { state.cancelRequested = true }
            return !state.cancelRequested
        }
        if first { self.loop.submit(.cancel(self)) }
    }

    private static func takeResumeIfDue(_ state: inout SharedState, lowWaterMark: Int) -> Bool {
        guard state.responseStalled, !state.clientPaused, state.responseBytesInFlight <= lowWaterMark else {
            return false
        }
        state.responseStalled = false
        return true
    }

    // MARK: - libcurl callbacks (curl thread)

    func curlReceivedHeaderLine(_ line: UnsafeRawBufferPointer) -> Int {
        self.curlLastActivity = CurlMultiLoop.now()
        if let head = self.parser.parse(line: line) {
            self.pendingHead = head
            self.loop.markDirty(self)
        }
        return line.count
    }

    func curlReceivedBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        self.curlLastActivity = CurlMultiLoop.now()
        let inFlight = self.shared.withLock { state -> Int? in
            if state.clientPaused || state.responseBytesInFlight >= self.highWaterMark {
                state.responseStalled = true
                return nil
            }
            state.responseBytesInFlight += bytes.count
            return state.responseBytesInFlight
        }
        guard let inFlight else {
            self.curlRecvPaused = true
            return CCurlShims_write_pause()
        }
        self.loop.recordBufferedResponseBytes(inFlight)
        // Taking the buffer out of the property keeps it uniquely referenced, so the append does not copy.
        // Sized for this piece (small responses are the common case); later pieces of a round grow it by doubling.
        var body = self.pendingBody ?? ByteBufferAllocator().buffer(capacity: max(bytes.count, 1024))
        self.pendingBody = nil
        body.writeBytes(bytes)
        self.pendingBody = body
        self.loop.markDirty(self)
        return bytes.count
    }

    func curlReadRequestBody(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let (copied, finished, writable) = self.shared.withLock { state -> (Int, Bool, Bool) in
            var copied = 0
            while copied < buffer.count, var part = state.requestBody.first {
                let count = min(part.readableBytes, buffer.count - copied)
                part.withUnsafeReadableBytes { source in
                    UnsafeMutableRawBufferPointer(rebasing: buffer[copied..<(copied + count)])
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: source[0..<count]))
                }
                part.moveReaderIndex(forwardBy: count)
                copied += count
                if part.readableBytes == 0 {
                    state.requestBody.removeFirst()
                } else {
                    state.requestBody[state.requestBody.startIndex] = part
                }
            }
            state.requestBodyBytes -= copied
            if copied == 0 && !state.requestBodyFinished { state.readerWaiting = true }
            let writable = state.writerBlocked && state.requestBodyBytes <= self.lowWaterMark
            if writable { state.writerBlocked = false }
            return (copied, state.requestBodyFinished, writable)
        }
        if writable {
            self.pendingWritable = true
            self.loop.markDirty(self)
        }
        if copied == 0 && !finished {
            self.curlSendPaused = true
            return CCurlShims_read_pause()
        }
        if copied > 0 { self.curlLastActivity = CurlMultiLoop.now() }
        return copied
    }

    // MARK: - Delivery

    /// Records the outcome; the next `flush()` delivers it after any pending head and body.
    func curlCompleted(error: UpstreamError?, timings: UpstreamTimings) {
        self.curlIsFinished = true
        self.pendingCompletion = (error, timings, self.parser.trailers)
        self.loop.markDirty(self)
    }

    /// Hands everything gathered this round to the handler with one hop to the event loop.
    func flush() {
        let head = self.pendingHead
        let body = self.pendingBody
        let writable = self.pendingWritable
        let completion = self.pendingCompletion
        self.pendingHead = nil
        self.pendingBody = nil
        self.pendingWritable = false
        self.pendingCompletion = nil
        self.curlIsDirty = false
        if head == nil && body == nil && !writable && completion == nil { return }
        self.eventLoop.execute {
            self.deliver(head: head, body: body, writable: writable, completion: completion)
        }
    }

    /// Completes an exchange the curl thread never saw; safe from any thread.
    func failWithoutCurl(_ error: UpstreamError) {
        self.eventLoop.execute {
            self.deliver(head: nil, body: nil, writable: false, completion: (error, UpstreamTimings(), []))
        }
    }

    /// Head first; then, unless the caller paused the response, body and completion. While paused they wait
    /// in `held` (still counted in flight, so curl stays paused too) until `resumeResponse()`; a failure
    /// completes at once.
    private func deliver(
        head: UpstreamResponseHead?,
        body: ByteBuffer?,
        writable: Bool,
        completion: CurlCompletion?
    ) {
        // Captured first: completing the exchange lets go of the handler.
        let handler = self.handler
        defer { handler?.upstreamDeliveryEnded() }
        if let head { handler?.upstreamReceivedHead(head) }
        if writable && completion == nil { handler?.upstreamRequestBodyWritable() }
        if body == nil && completion == nil { return }
        let hold = self.shared.withLock { state -> Bool in
            if state.clientPaused || state.isHoldingResponse {
                state.isHoldingResponse = true
                return true
            }
            return false
        }
        if hold, let completion, completion.error != nil {
            // A failure (cancel, shutdown) ends the exchange now: what was held is moot.
            self.held.removeAll()
            self.shared.withLock { $0.isHoldingResponse = false }
            self.complete(completion)
        } else if hold {
            self.held.append(HeldResponsePart(body: body, completion: completion))
        } else {
            self.deliverNow(body: body, completion: completion)
        }
    }

    /// Hands held parts over until the caller pauses again or none are left.
    private func deliverHeld() {
        let handler = self.handler
        defer { handler?.upstreamDeliveryEnded() }
        while let next = self.held.first {
            let paused = self.shared.withLock { $0.clientPaused }
            if paused { return }
            self.held.removeFirst()
            self.deliverNow(body: next.body, completion: next.completion)
        }
        self.shared.withLock { $0.isHoldingResponse = false }
    }

    private func complete(_ completion: CurlCompletion) {
        let handler = self.handler
        self.handler = nil
        if completion.error == nil && !completion.trailers.isEmpty {
            handler?.upstreamReceivedTrailers(completion.trailers)
        }
        handler?.upstreamCompleted(error: completion.error, timings: completion.timings)
    }

    private func deliverNow(body: ByteBuffer?, completion: CurlCompletion?) {
        if let body {
            self.handler?.upstreamReceivedBodyPart(body)
            let wake = self.shared.withLock { state -> Bool in
                state.responseBytesInFlight -= body.readableBytes
                return Self.takeResumeIfDue(&state, lowWaterMark: self.lowWaterMark)
            }
            if wake && completion == nil { self.loop.submit(.resumeReceive(self)) }
        }
        if let completion { self.complete(completion) }
    }
}

/// How an exchange ended, with the trailer fields that followed the body (HTTP/2 gRPC status), if any.
typealias CurlCompletion = (error: UpstreamError?, timings: UpstreamTimings, trailers: [(name: String, value: String)])

/// Body bytes or the completion, waiting on the event loop while the caller has paused the response.
struct HeldResponsePart {
    var body: ByteBuffer?
    var completion: CurlCompletion?
}
