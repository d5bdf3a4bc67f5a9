/// Every environment variable the configuration layer reads, in one list.
///
/// Standard OpenTelemetry names are used where one exists; the rest are
/// `TRACEPROXY_` + the flag name in SCREAMING_SNAKE case.
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
}
