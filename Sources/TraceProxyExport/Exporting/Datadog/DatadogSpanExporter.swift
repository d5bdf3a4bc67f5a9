import Logging
import TraceProxyTracing

/// The Datadog agent's `/v0.4/traces` (WIRE-FORMATS 3): a msgpack payload with the tracer headers,
/// asking for real statuses so a saturated agent says 429 instead of a silent 200.
///
/// Each accepted answer's `rate_by_service` updates `rates`, which `DatadogAgentRateSampler` reads.
package struct DatadogSpanExporter: SpanExporter {
    package static let tracesPath = "/v0.4/traces"

    package var name: String { self.http.name }
    package let rates: DatadogAgentRates
    private let http: HTTPSpanExporter<DatadogMsgpackEncoder>

    /// - Parameter agentURL: the agent's base URL (`http://localhost:8126`); the traces path is appended.
    package init(
        agentURL: String,
        timeout: Duration,
        resource: Resource,
        transport: ExportHTTPTransport,
        rates: DatadogAgentRates,
        logger: Logger
    ) {
        var base = Substring(agentURL)
        while base.hasSuffix("/") { base.removeLast() }
        let encoder = DatadogMsgpackEncoder()
        self.rates = rates
        self.http = HTTPSpanExporter(
            name: "datadog",
            encoder: encoder,
            endpoint: String(base) + Self.tracesPath,
            method: "PUT",
            resource: resource,
            headers: [("Datadog-Send-Real-Http-Status", "1")],
            batchHeaders: { encoder.headers(traceCount: DatadogTraceChunk.count($0)) },
            timeout: timeout,
            transport: transport,
            onAccepted: { _, body in
                // An unreadable answer leaves the last rates in force; the batch was accepted all the same.
                guard let response = try? DatadogAgentResponse.decode(json: body),
                    let rateByService = response.rateByService
                else { return }
                rates.update(rateByService)
            }
        )
    }

    package func export(_ batch: [FinishedSpan]) async throws(ExportError) {
        try await self.http.export(batch)
    }

    package func shutdown() async {
        await self.http.shutdown()
    }
}
