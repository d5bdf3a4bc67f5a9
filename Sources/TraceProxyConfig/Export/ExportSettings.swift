/// Where and how the exporters send spans: the environment-only OpenTelemetry and Datadog
/// exporter variables, plus `--otlp-endpoint` and `--datadog-agent-url`.
///
/// Every field is resolved (and checked) whichever exporters are selected, so a bad
/// value fails at start-up rather than when an exporter is switched on later.
package struct ExportSettings: Sendable, Equatable {
    /// The OTLP traces URL. `--otlp-endpoint`, else `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (both used as is),
    /// else `OTEL_EXPORTER_OTLP_ENDPOINT` plus `/v1/traces` for the http protocols (as is for grpc),
    /// else `http://localhost:4318/v1/traces` (grpc: `http://localhost:4317`).
    package var otlpTracesEndpoint: String
    /// Default: `http/protobuf`. Environment: `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`, then `OTEL_EXPORTER_OTLP_PROTOCOL`.
    package var otlpProtocol: OTLPProtocol
    /// Extra request headers, in order, values percent-decoded. Default: none.
    /// Environment: `OTEL_EXPORTER_OTLP_TRACES_HEADERS`, then `OTEL_EXPORTER_OTLP_HEADERS` (`k=v,k2=v2`).
    package var otlpHeaders: [(String, String)]
    /// Whether request bodies are gzip-compressed. Default: `none` (false).
    /// Environment: `OTEL_EXPORTER_OTLP_TRACES_COMPRESSION`, then `OTEL_EXPORTER_OTLP_COMPRESSION` (`gzip`|`none`).
    package var otlpCompression: Bool
    /// Longest one export request may take. Default: 10000 ms.
    /// Environment: `OTEL_EXPORTER_OTLP_TRACES_TIMEOUT`, then `OTEL_EXPORTER_OTLP_TIMEOUT` (ms).
    package var otlpTimeout: Duration
    /// Default: `localhost`. Environment: `OTEL_EXPORTER_JAEGER_AGENT_HOST`.
    package var jaegerAgentHost: String
    /// UDP port of the agent (compact Thrift). Default: 6831. Environment: `OTEL_EXPORTER_JAEGER_AGENT_PORT`.
    package var jaegerAgentPort: Int
    /// When set, spans go over HTTP to this collector URL instead of UDP to the agent.
    /// Default: none. Environment: `OTEL_EXPORTER_JAEGER_ENDPOINT` (e.g. `http://localhost:14268/api/traces`).
    package var jaegerEndpoint: String?
    /// Default: `http://localhost:9411/api/v2/spans`. Environment: `OTEL_EXPORTER_ZIPKIN_ENDPOINT`.
    package var zipkinEndpoint: String
    /// `--datadog-agent-url`, else `DD_TRACE_AGENT_URL`, else `http://` + `DD_AGENT_HOST` (default `localhost`)
    /// + `:` + `DD_TRACE_AGENT_PORT` (default 8126).
    package var datadogAgentURL: String
    /// Default: the resolved service name. Environment: `DD_SERVICE`.
    package var datadogService: String
    /// Default: none. Environment: `DD_ENV`.
    package var datadogEnv: String?
    /// Default: none. Environment: `DD_VERSION`.
    package var datadogVersion: String?
    /// The batch span processor's limits.
    package var batch: BatchSettings
    /// Resource attributes from `OTEL_RESOURCE_ATTRIBUTES` (`k=v,k2=v2`, values percent-decoded), in order;
    /// a repeated key keeps its first position and its last value. `service.name` is not in this list:
    /// it feeds `TraceProxyConfiguration.serviceName` (after `--service-name` and `OTEL_SERVICE_NAME`).
    package var resourceAttributes: [(String, String)]

    package init(
        otlpTracesEndpoint: String,
        otlpProtocol: OTLPProtocol,
        otlpHeaders: [(String, String)],
        otlpCompression: Bool,
        otlpTimeout: Duration,
        jaegerAgentHost: String,
        jaegerAgentPort: Int,
        jaegerEndpoint: String?,
        zipkinEndpoint: String,
        datadogAgentURL: String,
        datadogService: String,
        datadogEnv: String?,
        datadogVersion: String?,
        batch: BatchSettings,
        resourceAttributes: [(String, String)]
    ) {
        self.otlpTracesEndpoint = otlpTracesEndpoint
        self.otlpProtocol = otlpProtocol
        self.otlpHeaders = otlpHeaders
        self.otlpCompression = otlpCompression
        self.otlpTimeout = otlpTimeout
        self.jaegerAgentHost = jaegerAgentHost
        self.jaegerAgentPort = jaegerAgentPort
        self.jaegerEndpoint = jaegerEndpoint
        self.zipkinEndpoint = zipkinEndpoint
        self.datadogAgentURL = datadogAgentURL
        self.datadogService = datadogService
        self.datadogEnv = datadogEnv
        self.datadogVersion = datadogVersion
        self.batch = batch
        self.resourceAttributes = resourceAttributes
    }

    package static func == (lhs: Self, rhs: Self) -> Bool {
        func same(_ a: [(String, String)], _ b: [(String, String)]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { $0 == $1 }
        }
        return lhs.otlpTracesEndpoint == rhs.otlpTracesEndpoint && lhs.otlpProtocol == rhs.otlpProtocol
            && same(lhs.otlpHeaders, rhs.otlpHeaders) && lhs.otlpCompression == rhs.otlpCompression
            && lhs.otlpTimeout == rhs.otlpTimeout && lhs.jaegerAgentHost == rhs.jaegerAgentHost
            && lhs.jaegerAgentPort == rhs.jaegerAgentPort && lhs.jaegerEndpoint == rhs.jaegerEndpoint
            && lhs.zipkinEndpoint == rhs.zipkinEndpoint && lhs.datadogAgentURL == rhs.datadogAgentURL
            && lhs.datadogService == rhs.datadogService && lhs.datadogEnv == rhs.datadogEnv
            && lhs.datadogVersion == rhs.datadogVersion && lhs.batch == rhs.batch
            && same(lhs.resourceAttributes, rhs.resourceAttributes)
    }
}
