/// The environment-only exporter variables (OpenTelemetry and Datadog conventions, no flags):
/// their defaults and help, the one table for them as `Setting` is for the flags.
///
/// Each is listed in `--help` under the option it belongs to (`owner`), in this order,
/// which is also the order their problems are reported in.
enum ExportVariable: CaseIterable {
    case jaegerAgentHost, jaegerAgentPort, jaegerEndpoint, zipkinEndpoint
    case batchMaxQueueSize, batchMaxExportBatchSize, batchScheduleDelay, batchExportTimeout
    case resourceAttributes
    case otlpEndpoint, otlpTracesProtocol, otlpProtocol, otlpTracesHeaders, otlpHeaders
    case otlpTracesCompression, otlpCompression, otlpTracesTimeout, otlpTimeout
    case datadogAgentHost, datadogTraceAgentPort, datadogService, datadogEnv, datadogVersion

    var key: EnvironmentKey {
        switch self {
        case .jaegerAgentHost: .jaegerAgentHost
        case .jaegerAgentPort: .jaegerAgentPort
        case .jaegerEndpoint: .jaegerEndpoint
        case .zipkinEndpoint: .zipkinEndpoint
        case .batchMaxQueueSize: .batchMaxQueueSize
        case .batchMaxExportBatchSize: .batchMaxExportBatchSize
        case .batchScheduleDelay: .batchScheduleDelay
        case .batchExportTimeout: .batchExportTimeout
        case .resourceAttributes: .resourceAttributes
        case .otlpEndpoint: .otlpEndpoint
        case .otlpTracesProtocol: .otlpTracesProtocol
        case .otlpProtocol: .otlpProtocol
        case .otlpTracesHeaders: .otlpTracesHeaders
        case .otlpHeaders: .otlpHeaders
        case .otlpTracesCompression: .otlpTracesCompression
        case .otlpCompression: .otlpCompression
        case .otlpTracesTimeout: .otlpTracesTimeout
        case .otlpTimeout: .otlpTimeout
        case .datadogAgentHost: .datadogAgentHost
        case .datadogTraceAgentPort: .datadogTraceAgentPort
        case .datadogService: .datadogService
        case .datadogEnv: .datadogEnv
        case .datadogVersion: .datadogVersion
        }
    }

    /// The option whose help lists this variable.
    var owner: Setting {
        switch self {
        case .jaegerAgentHost, .jaegerAgentPort, .jaegerEndpoint, .zipkinEndpoint, .batchMaxQueueSize,
            .batchMaxExportBatchSize, .batchScheduleDelay, .batchExportTimeout, .resourceAttributes:
            .exporter
        case .otlpEndpoint, .otlpTracesProtocol, .otlpProtocol, .otlpTracesHeaders, .otlpHeaders,
            .otlpTracesCompression, .otlpCompression, .otlpTracesTimeout, .otlpTimeout:
            .otlpEndpoint
        case .datadogAgentHost, .datadogTraceAgentPort, .datadogService, .datadogEnv, .datadogVersion:
            .datadogAgentURL
        }
    }

    /// The value used when the variable (and the one it falls back to) is unset; `nil` means none.
    var defaultValue: String? {
        switch self {
        case .jaegerAgentHost: "localhost"
        case .jaegerAgentPort: "6831"
        case .jaegerEndpoint: nil
        case .zipkinEndpoint: "http://localhost:9411/api/v2/spans"
        case .batchMaxQueueSize: "4096"
        case .batchMaxExportBatchSize: "512"
        case .batchScheduleDelay: "1000"
        case .batchExportTimeout: "10000"
        case .resourceAttributes: nil
        case .otlpEndpoint: nil
        case .otlpTracesProtocol, .otlpProtocol: OTLPProtocol.httpProtobuf.rawValue
        case .otlpTracesHeaders, .otlpHeaders: nil
        case .otlpTracesCompression, .otlpCompression: "none"
        case .otlpTracesTimeout, .otlpTimeout: "10000"
        case .datadogAgentHost: "localhost"
        case .datadogTraceAgentPort: "8126"
        case .datadogService: "the service name"
        case .datadogEnv, .datadogVersion: nil
        }
    }

    private var abstract: String {
        switch self {
        case .jaegerAgentHost: "Jaeger agent host (UDP)."
        case .jaegerAgentPort: "Jaeger agent port (UDP)."
        case .jaegerEndpoint: "Jaeger collector URL, e.g. http://localhost:14268/api/traces; when set, used instead of the agent."
        case .zipkinEndpoint: "Zipkin spans URL."
        case .batchMaxQueueSize: "Spans buffered per exporter before new ones are dropped."
        case .batchMaxExportBatchSize: "Most spans per export (at most the queue size)."
        case .batchScheduleDelay: "Milliseconds between exports."
        case .batchExportTimeout: "Milliseconds one export may take."
        case .resourceAttributes: "Resource attributes, k=v,k2=v2 with percent-encoded values; service.name sets the service name."
        case .otlpEndpoint: "OTLP base URL, used when OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is unset."
        case .otlpTracesProtocol: "OTLP protocol: \(OTLPProtocol.allCases.map(\.rawValue).joined(separator: ", "))."
        case .otlpProtocol: "OTLP protocol, used when OTEL_EXPORTER_OTLP_TRACES_PROTOCOL is unset."
        case .otlpTracesHeaders: "OTLP request headers, k=v,k2=v2 with percent-encoded values."
        case .otlpHeaders: "OTLP request headers, used when OTEL_EXPORTER_OTLP_TRACES_HEADERS is unset."
        case .otlpTracesCompression: "OTLP compression: gzip or none."
        case .otlpCompression: "OTLP compression, used when OTEL_EXPORTER_OTLP_TRACES_COMPRESSION is unset."
        case .otlpTracesTimeout: "Milliseconds one OTLP export may take."
        case .otlpTimeout: "OTLP timeout in milliseconds, used when OTEL_EXPORTER_OTLP_TRACES_TIMEOUT is unset."
        case .datadogAgentHost: "Datadog agent host, used when DD_TRACE_AGENT_URL is unset."
        case .datadogTraceAgentPort: "Datadog agent port, used when DD_TRACE_AGENT_URL is unset."
        case .datadogService: "Datadog service; also the service name when nothing else sets it."
        case .datadogEnv: "Datadog env tag."
        case .datadogVersion: "Datadog version tag."
        }
    }

    /// `default: X` or `default: none`.
    var origin: String { "default: \(self.defaultValue ?? "none")" }

    /// For example `Jaeger agent port (UDP). (default: 6831, env: OTEL_EXPORTER_JAEGER_AGENT_PORT)`.
    var helpLine: String { "\(self.abstract) (\(self.origin), env: \(self.key.rawValue))" }
}
