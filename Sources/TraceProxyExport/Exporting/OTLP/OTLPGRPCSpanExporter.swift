import Logging
import NIOCore
import TraceProxyTracing
import TraceProxyUpstream

/// OTLP over gRPC (WIRE-FORMATS 1.5): the unary `TraceService/Export` call, through libcurl over HTTP/2
/// (prior knowledge for `http://`), as one length-prefixed protobuf message; the outcome is read from
/// `grpc-status` in the trailers, or in the head for a trailers-only answer.
package struct OTLPGRPCSpanExporter: SpanExporter {
    package static let exportPath = "/opentelemetry.proto.collector.trace.v1.TraceService/Export"

    package let name = "otlp"
    package let url: String
    package let metadata: [(name: String, value: String)]
    package let compression: ExportCompression
    package let timeout: Duration
    package let resource: Resource
    private let transport: ExportHTTPTransport
    private let reporter: OTLPPartialSuccessReporter
    private let encoder = OTLPProtobufEncoder()

    /// - Parameter endpoint: the collector's base URL (`http://localhost:4317`); the method path is appended.
    package init(
        endpoint: String,
        headers: [(name: String, value: String)],
        compression: ExportCompression,
        timeout: Duration,
        resource: Resource,
        transport: ExportHTTPTransport,
        stats: ExporterStats,
        logger: Logger
    ) {
        var base = Substring(endpoint)
        while base.hasSuffix("/") { base.removeLast() }
        self.url = String(base) + Self.exportPath
        // gRPC metadata keys are lowercase on the wire (HTTP/2 forbids uppercase field names).
        self.metadata = headers.map { (name: $0.name.lowercased(), value: $0.value) }
        self.compression = compression
        self.timeout = timeout
        self.resource = resource
        self.transport = transport
        self.reporter = OTLPPartialSuccessReporter(format: .protobuf, stats: stats, logger: logger)
        transport.acquire()
    }

    package func export(_ batch: [FinishedSpan]) async throws(ExportError) {
        var message = ByteBuffer()
        self.encoder.encode(batch, resource: self.resource, into: &message)
        var headers: [(name: String, value: String)] = [
            ("content-type", "application/grpc"),
            ("te", "trailers"),
            ("grpc-timeout", "\(max(1, self.timeout.curlMillisecondsForGRPC))m"),
            ("grpc-accept-encoding", "identity,gzip"),
        ]
        if self.compression == .gzip {
            message = try GzipCompressor.compress(message)
            headers.append(("grpc-encoding", "gzip"))
        }
        var frame = ByteBuffer()
        frame.writeInteger(UInt8(self.compression == .gzip ? 1 : 0))
        frame.writeInteger(UInt32(message.readableBytes))
        frame.writeBuffer(&message)
        let request = UpstreamRequest(
            method: "POST", url: self.url, headers: headers + self.metadata,
            body: .length(Int64(frame.readableBytes)), httpVersion: .http2
        )

        let response: BufferedUpstreamResponse
        do {
            response = try await self.transport.client.exchange(
                request, body: frame, on: self.transport.eventLoop, timeout: self.timeout)
        } catch {
            throw HTTPExportStatus.error(for: error)
        }
        // A non-200 comes from an HTTP/2 intermediary rather than the gRPC server: judged as HTTP.
        if response.head.status != 200 {
            throw HTTPExportStatus.error(for: response.head, nowUnixSeconds: WallClockSeconds.now())
                ?? ExportError(.rejected, status: response.head.status)
        }
        let fields = response.trailers + response.head.headers
        guard let codeText = fields.first(where: { $0.name.lowercased() == "grpc-status" })?.value,
            let code = Int(codeText)
        else {
            // "If the server disconnects without answering, retry."
            throw ExportError(.transport, detail: "gRPC answer without grpc-status")
        }
        let statusMessage = fields.first { $0.name.lowercased() == "grpc-message" }
            .map { GRPCStatus.decodeMessage($0.value) }
        let hasDetails = fields.contains { $0.name.lowercased() == "grpc-status-details-bin" }
        if let error = GRPCStatus.error(code: code, message: statusMessage ?? "", hasDetails: hasDetails) {
            throw error
        }

        var body = response.body
        if let flag = body.readInteger(as: UInt8.self), flag == 0, let length = body.readInteger(as: UInt32.self),
            let reply = body.readSlice(length: Int(length))
        {
            self.reporter.inspect(response.head, body: reply)
        }
    }

    package func shutdown() async {
        await self.transport.release()
    }
}

extension Duration {
    /// Whole milliseconds for `grpc-timeout` (at most 8 digits).
    fileprivate var curlMillisecondsForGRPC: Int64 {
        let (seconds, attoseconds) = self.components
        return min(99_999_999, seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}
