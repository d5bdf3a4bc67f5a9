import NIOCore
import TraceProxyTracing
import TraceProxyUpstream

/// Sends batches to one HTTP backend: encode, send, judge the answer (`HTTPExportStatus`).
///
/// Runs on the batch processor's task, never on an event loop; the exchange itself runs on the
/// transport's curl thread, which keeps connections alive between batches.
package struct HTTPSpanExporter<Encoder: SpanEncoder>: SpanExporter {
    package typealias Headers = [(name: String, value: String)]

    package let name: String
    package let encoder: Encoder
    /// Absolute URL the batches go to.
    package let endpoint: String
    /// `POST`, or `PUT` where a backend prefers it.
    package let method: String
    package let resource: Resource
    /// Sent with every request after the batch's own headers; `Content-Type` is added when absent.
    package let headers: Headers
    /// Headers that depend on the batch (Datadog's trace count).
    package let batchHeaders: @Sendable ([FinishedSpan]) -> Headers
    package let compression: ExportCompression
    /// Longest one request may take, connecting included.
    package let timeout: Duration
    /// Largest response body read; OTLP recommends capping it at 4 MiB.
    package let maxResponseBytes: Int
    /// Reads an accepted answer (OTLP partial success, Datadog sampling rates).
    package let onAccepted: @Sendable (UpstreamResponseHead, ByteBuffer) -> Void
    let transport: ExportHTTPTransport
    let wallClock: @Sendable () -> Int64

    package init(
        name: String,
        encoder: Encoder,
        endpoint: String,
        method: String = "POST",
        resource: Resource,
        headers: Headers = [],
        batchHeaders: @escaping @Sendable ([FinishedSpan]) -> Headers = { _ in [] },
        compression: ExportCompression = .none,
        timeout: Duration,
        maxResponseBytes: Int = 4 << 20,
        transport: ExportHTTPTransport,
        onAccepted: @escaping @Sendable (UpstreamResponseHead, ByteBuffer) -> Void = { _, _ in },
        wallClock: (@Sendable () -> Int64)? = nil
    ) {
        self.name = name
        self.encoder = encoder
        self.endpoint = endpoint
        self.method = method
        self.resource = resource
        self.headers = headers
        self.batchHeaders = batchHeaders
        self.compression = compression
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
        self.transport = transport
        self.onAccepted = onAccepted
        self.wallClock = wallClock ?? { WallClockSeconds.now() }
        transport.acquire()
    }

    package func export(_ batch: [FinishedSpan]) async throws(ExportError) {
        var body = ByteBuffer()
        self.encoder.encode(batch, resource: self.resource, into: &body)
        var headers = self.batchHeaders(batch) + self.headers
        if !headers.contains(where: { $0.name.lowercased() == "content-type" }) {
            headers.insert(("Content-Type", self.encoder.contentType), at: 0)
        }
        if self.compression == .gzip {
            body = try GzipCompressor.compress(body)
            headers.append(("Content-Encoding", "gzip"))
        }
        let request = UpstreamRequest(
            method: self.method,
            url: self.endpoint,
            headers: headers,
            body: .length(Int64(body.readableBytes))
        )

        let response: (head: UpstreamResponseHead, body: ByteBuffer)
        do {
            response = try await self.transport.client.send(
                request,
                body: body,
                on: self.transport.eventLoop,
                maxResponseBytes: self.maxResponseBytes,
                timeout: self.timeout
            )
        } catch {
            throw HTTPExportStatus.error(for: error)
        }

        if let error = HTTPExportStatus.error(for: response.head, nowUnixSeconds: self.wallClock()) {
            throw error
        }
        self.onAccepted(response.head, response.body)
    }

    package func shutdown() async {
        await self.transport.release()
    }
}
