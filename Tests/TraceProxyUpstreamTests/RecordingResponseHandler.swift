import NIOCore
import NIOPosix
import TraceProxyTestSupport
import TraceProxyUpstream

/// Records one exchange's events and checks their order; state is touched only on `eventLoop` (hence unchecked).
final class RecordingResponseHandler: UpstreamResponseHandler, @unchecked Sendable {
    struct Outcome: Sendable {
        var head: UpstreamResponseHead?
        /// The body, when `keepsBody`.
        var body: [UInt8]
        var bodyLength: Int
        var bodyParts: Int
        var error: UpstreamError?
        var timings: UpstreamTimings
        /// Events out of the documented order (body before head, anything after completion).
        var orderViolations: [String]
        /// False when a `/bytes` or `/chunked` body differed from the pattern.
        var matchesPattern: Bool
        /// True when head, body and completion all arrived within one event-loop task.
        var arrivedInOneTask: Bool

        var bodyString: String { String(decoding: self.body, as: UTF8.self) }
        var headerNames: [String] { self.head?.headers.map(\.name) ?? [] }
        func headerValues(_ name: String) -> [String] {
            self.head?.headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value) ?? []
        }
    }

    let eventLoop: any EventLoop
    let completion: EventLoopPromise<Outcome>
    /// Called on the event loop after each body part is recorded.
    var onBodyPart: ((RecordingResponseHandler, ByteBuffer) -> Void)?
    /// Yields once per `upstreamRequestBodyWritable`.
    let writable: AsyncStream<Void>
    private let writableContinuation: AsyncStream<Void>.Continuation
    private let keepsBody: Bool
    private let checksPattern: Bool

    private(set) var head: UpstreamResponseHead?
    private(set) var bodyLength = 0
    private(set) var completions = 0
    private var body: [UInt8] = []
    private var bodyParts = 0
    private var orderViolations: [String] = []
    private var matchesPattern = true
    private var inHeadTask = false
    private var arrivedInOneTask = false
    private(set) var writableSignals = 0

    init(eventLoop: any EventLoop, keepsBody: Bool = true, checksPattern: Bool = false) {
        self.eventLoop = eventLoop
        self.completion = eventLoop.makePromise()
        self.keepsBody = keepsBody
        self.checksPattern = checksPattern
        (self.writable, self.writableContinuation) = AsyncStream.makeStream()
    }

    func upstreamReceivedHead(_ head: UpstreamResponseHead) {
        self.eventLoop.preconditionInEventLoop()
        if self.head != nil { self.orderViolations.append("second head") }
        if self.completions > 0 { self.orderViolations.append("head after completion") }
        self.head = head
        self.inHeadTask = true
        self.eventLoop.execute { self.inHeadTask = false }
    }

    func upstreamReceivedBodyPart(_ part: ByteBuffer) {
        self.eventLoop.preconditionInEventLoop()
        if self.head == nil { self.orderViolations.append("body before head") }
        if self.completions > 0 { self.orderViolations.append("body after completion") }
        if self.checksPattern && self.matchesPattern {
            self.matchesPattern = part.withUnsafeReadableBytes {
                TestUpstreamServer.matchesPattern($0, offset: self.bodyLength)
            }
        }
        if self.keepsBody { self.body.append(contentsOf: part.readableBytesView) }
        self.bodyLength += part.readableBytes
        self.bodyParts += 1
        self.onBodyPart?(self, part)
    }

    func upstreamCompleted(error: UpstreamError?, timings: UpstreamTimings) {
        self.eventLoop.preconditionInEventLoop()
        self.completions += 1
        if self.completions > 1 {
            self.orderViolations.append("completed twice")
            return
        }
        self.arrivedInOneTask = self.inHeadTask
        self.writableContinuation.finish()
        self.completion.succeed(
            Outcome(
                head: self.head,
                body: self.body,
                bodyLength: self.bodyLength,
                bodyParts: self.bodyParts,
                error: error,
                timings: timings,
                orderViolations: self.orderViolations,
                matchesPattern: self.matchesPattern,
                arrivedInOneTask: self.arrivedInOneTask
            )
        )
    }

    func upstreamRequestBodyWritable() {
        self.eventLoop.preconditionInEventLoop()
        self.writableSignals += 1
        self.writableContinuation.yield()
    }

    /// Completions seen so far, read on the event loop.
    func completionCount() async throws -> Int {
        try await self.eventLoop.submit { self.completions }.get()
    }
}
