import Logging
import TraceProxyConfig
import TraceProxyExport

/// Builds one `SpanExporter` per configured exporter name from the validated configuration.
///
/// Endpoint URLs were checked at start-up (`TraceProxyConfig`), so nothing here fails for them later.
/// Every HTTP exporter shares one `ExportHTTPTransport`, made only when one is configured.
struct ExporterFactory {
    let configuration: TraceProxyConfiguration
    let resources: ExportResources
    let agentRates: DatadogAgentRates
    let logger: Logger
    private var transport: ExportHTTPTransport?

    init(
        configuration: TraceProxyConfiguration, resources: ExportResources, agentRates: DatadogAgentRates,
        logger: Logger
    ) {
        self.configuration = configuration
        self.resources = resources
        self.agentRates = agentRates
        self.logger = logger
    }

    mutating func make(_ name: ExporterName, stats: ExporterStats) throws -> any SpanExporter {
        let export = self.configuration.export
        switch name {
        case .console:
            do {
                return try ConsoleSpanExporter(path: self.configuration.consoleOutput, resource: self.resources.standard)
            } catch {
                throw StartupError("--console-output: \(error.detail)")
            }
        case .otlp:
            let encoding: OTLPSpanExporter.Encoding
            switch export.otlpProtocol {
            case .httpProtobuf: encoding = .protobuf
            case .httpJSON: encoding = .json
            case .grpc:
                return OTLPGRPCSpanExporter(
                    endpoint: export.otlpTracesEndpoint,
                    headers: export.otlpHeaders.map { (name: $0.0, value: $0.1) },
                    compression: export.otlpCompression ? .gzip : .none,
                    timeout: export.otlpTimeout,
                    resource: self.resources.standard,
                    transport: self.httpTransport(),
                    stats: stats,
                    logger: self.logger
                )
            }
            return OTLPSpanExporter(
                endpoint: export.otlpTracesEndpoint,
                encoding: encoding,
                headers: export.otlpHeaders.map { (name: $0.0, value: $0.1) },
                compression: export.otlpCompression ? .gzip : .none,
                timeout: export.otlpTimeout,
                resource: self.resources.standard,
                transport: self.httpTransport(),
                stats: stats,
                logger: self.logger
            )
        case .jaeger:
            guard let endpoint = export.jaegerEndpoint else {
                return JaegerAgentSpanExporter(
                    host: export.jaegerAgentHost, port: export.jaegerAgentPort, resource: self.resources.standard,
                    stats: stats
                )
            }
            return HTTPSpanExporter(
                name: "jaeger", encoder: JaegerThriftEncoder(), endpoint: endpoint, resource: self.resources.standard,
                timeout: export.batch.exportTimeout, transport: self.httpTransport()
            )
        case .zipkin:
            return HTTPSpanExporter(
                name: "zipkin", encoder: ZipkinJSONEncoder(), endpoint: export.zipkinEndpoint,
                resource: self.resources.standard, timeout: export.batch.exportTimeout, transport: self.httpTransport()
            )
        case .datadog:
            return DatadogSpanExporter(
                agentURL: export.datadogAgentURL, timeout: export.batch.exportTimeout, resource: self.resources.datadog,
                transport: self.httpTransport(), rates: self.agentRates, logger: self.logger
            )
        }
    }

    private mutating func httpTransport() -> ExportHTTPTransport {
        if let transport = self.transport { return transport }
        let timeout = min(self.configuration.export.batch.exportTimeout, self.configuration.export.otlpTimeout)
        let transport = ExportHTTPTransport(connectTimeout: min(.seconds(5), timeout))
        self.transport = transport
        return transport
    }
}
