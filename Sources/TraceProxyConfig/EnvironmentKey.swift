/// Every environment variable the configuration layer reads, in one list.
///
/// Standard OpenTelemetry (and, for Datadog, `DD_`) names are used where one
/// exists; the rest are `TRACEPROXY_` + the flag name in SCREAMING_SNAKE case.
/// Each variable either belongs to one `Setting` (a flag) or is one of the
/// environment-only exporter variables listed in `ExportVariable`.
package enum EnvironmentKey: String, CaseIterable, Sendable {
    case listen = "TRACEPROXY_LISTEN"
    case upstream = "TRACEPROXY_UPSTREAM"
    case serviceName = "OTEL_SERVICE_NAME"
    case tracesExporter = "OTEL_TRACES_EXPORTER"
    case consoleOutput = "TRACEPROXY_CONSOLE_OUTPUT"
    case connectTimeout = "TRACEPROXY_CONNECT_TIMEOUT"
    case upstreamTimeout = "TRACEPROXY_UPSTREAM_TIMEOUT"
    case headerTimeout = "TRACEPROXY_HEADER_TIMEOUT"
    case idleTimeout = "TRACEPROXY_IDLE_TIMEOUT"
    case drainTimeout = "TRACEPROXY_DRAIN_TIMEOUT"
    case maxHeaderBytes = "TRACEPROXY_MAX_HEADER_BYTES"
    case maxConnections = "TRACEPROXY_MAX_CONNECTIONS"
    case rewriteHost = "TRACEPROXY_REWRITE_HOST"
    case accessLog = "TRACEPROXY_ACCESS_LOG"
    case logLevel = "TRACEPROXY_LOG_LEVEL"

    // Tracing.
    case propagators = "OTEL_PROPAGATORS"
    case tracesSampler = "OTEL_TRACES_SAMPLER"
    case tracesSamplerArg = "OTEL_TRACES_SAMPLER_ARG"
    case maxTracesPerSecond = "TRACEPROXY_MAX_TRACES_PER_SECOND"
    case keepErrors = "TRACEPROXY_KEEP_ERRORS"
    case keepSlowerThan = "TRACEPROXY_KEEP_SLOWER_THAN"
    case routes = "TRACEPROXY_ROUTES"
    case openAPIPath = "TRACEPROXY_OPENAPI_PATH"
    case captureRequestHeaders = "TRACEPROXY_CAPTURE_REQUEST_HEADERS"
    case captureResponseHeaders = "TRACEPROXY_CAPTURE_RESPONSE_HEADERS"
    case redactHeaders = "TRACEPROXY_REDACT_HEADERS"
    case redactQueryParams = "TRACEPROXY_REDACT_QUERY_PARAMS"
    case traceProbes = "TRACEPROXY_TRACE_PROBES"
    case healthPaths = "TRACEPROXY_HEALTH_PATHS"
    case clientSpans = "TRACEPROXY_CLIENT_SPANS"
    case traceResponse = "TRACEPROXY_TRACE_RESPONSE"

    // Admin server and span store.
    case admin = "TRACEPROXY_ADMIN"
    case adminPublic = "TRACEPROXY_ADMIN_PUBLIC"
    case storeSpans = "TRACEPROXY_STORE_SPANS"
    case traceLinkTemplate = "TRACEPROXY_TRACE_LINK_TEMPLATE"

    // Exporters: the variables behind `--otlp-endpoint` and `--datadog-agent-url` ...
    case otlpTracesEndpoint = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"
    case datadogTraceAgentURL = "DD_TRACE_AGENT_URL"
    // ... and the environment-only ones (`ExportVariable`).
    case otlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT"
    case otlpTracesProtocol = "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"
    case otlpProtocol = "OTEL_EXPORTER_OTLP_PROTOCOL"
    case otlpTracesHeaders = "OTEL_EXPORTER_OTLP_TRACES_HEADERS"
    case otlpHeaders = "OTEL_EXPORTER_OTLP_HEADERS"
    case otlpTracesCompression = "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION"
    case otlpCompression = "OTEL_EXPORTER_OTLP_COMPRESSION"
    case otlpTracesTimeout = "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT"
    case otlpTimeout = "OTEL_EXPORTER_OTLP_TIMEOUT"
    case jaegerAgentHost = "OTEL_EXPORTER_JAEGER_AGENT_HOST"
    case jaegerAgentPort = "OTEL_EXPORTER_JAEGER_AGENT_PORT"
    case jaegerEndpoint = "OTEL_EXPORTER_JAEGER_ENDPOINT"
    case zipkinEndpoint = "OTEL_EXPORTER_ZIPKIN_ENDPOINT"
    case datadogAgentHost = "DD_AGENT_HOST"
    case datadogTraceAgentPort = "DD_TRACE_AGENT_PORT"
    case datadogService = "DD_SERVICE"
    case datadogEnv = "DD_ENV"
    case datadogVersion = "DD_VERSION"
    case batchMaxQueueSize = "OTEL_BSP_MAX_QUEUE_SIZE"
    case batchMaxExportBatchSize = "OTEL_BSP_MAX_EXPORT_BATCH_SIZE"
    case batchScheduleDelay = "OTEL_BSP_SCHEDULE_DELAY"
    case batchExportTimeout = "OTEL_BSP_EXPORT_TIMEOUT"
    case resourceAttributes = "OTEL_RESOURCE_ATTRIBUTES"
}
