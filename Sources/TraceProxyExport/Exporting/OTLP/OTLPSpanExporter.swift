import Logging
import TraceProxyTracing

/// OTLP over HTTP (WIRE-FORMATS 1.4): `POST` an `ExportTraceServiceRequest` to the traces URL, as binary
/// protobuf or OTLP/JSON, with the configured headers and optional gzip.
///
/// Partial successes are counted in `ExporterStats.rejectedPartial` and logged, never retried.
package struct OTLPSpanExporter: SpanExporter {
    /// How the body is encoded (`OTEL_EXPORTER_OTLP_PROTOCOL`, http/protobuf or http/json).
    package enum Encoding: Sendable { case protobuf, json }

    package var name: String { self.http.name }
    private let http: any SpanExporter

    package init(
        endpoint: String,
        encoding: Encoding,
        headers: [(name: String, value: String)],
        compression: ExportCompression,
        timeout: Duration,
        resource: Resource,
        transport: ExportHTTPTransport,
        stats: ExporterStats,
        logger: Logger
    ) {
        switch encoding {
        case .protobuf:
            let reporter = OTLPPartialSuccessReporter(format: .protobuf, stats: stats, logger: logger)
            self.http = HTTPSpanExporter(
                name: "otlp", encoder: OTLPProtobufEncoder(), endpoint: endpoint, resource: resource,
                headers: headers, compression: compression, timeout: timeout, transport: transport,
                onAccepted: { reporter.inspect($0, body: $1) }
            )
        case .json:
            let reporter = OTLPPartialSuccessReporter(format: .json, stats: stats, logger: logger)
            self.http = HTTPSpanExporter(
                name: "otlp", encoder: OTLPJSONEncoder(), endpoint: endpoint, resource: resource,
                headers: headers, compression: compression, timeout: timeout, transport: transport,
                onAccepted: { reporter.inspect($0, body: $1) }
            )
        }
    }

    package func export(_ batch: [FinishedSpan]) async throws(ExportError) {
        try await self.http.export(batch)
    }

    package func shutdown() async {
        await self.http.shutdown()
    }
}
