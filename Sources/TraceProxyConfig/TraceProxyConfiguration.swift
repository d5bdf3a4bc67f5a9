/// The validated configuration of one traceproxy process.
///
/// Built by `RunOptions.resolve(environment:)`; plain values only, so that
/// `TraceProxyApp` maps them onto the servers and this module stays free of them.
package struct TraceProxyConfiguration: Sendable, Equatable {
    /// Where the proxy accepts client connections.
    /// Default: `127.0.0.1:7800`. Environment: `TRACEPROXY_LISTEN`.
    package var listen: SocketAddressSpec
    /// The service requests are forwarded to.
    /// Default: none, required. Environment: `TRACEPROXY_UPSTREAM`.
    package var upstream: UpstreamURL
    /// `service.name` on every span.
    /// Default: `traceproxy`. Environment: `OTEL_SERVICE_NAME`.
    package var serviceName: String
    /// Exporters that receive sampled spans, without duplicates; empty means none.
    /// Default: none. Environment: `OTEL_TRACES_EXPORTER`.
    package var exporters: [ExporterName]
    /// File the console exporter appends to; `nil` means standard output.
    /// Default: `-` (stdout). Environment: `TRACEPROXY_CONSOLE_OUTPUT`.
    package var consoleOutput: String?
    /// Longest wait for a TCP (and TLS) connection to the upstream.
    /// Default: 5 s. Environment: `TRACEPROXY_CONNECT_TIMEOUT`.
    package var connectTimeout: Duration
    /// Longest time one upstream exchange may take, first byte sent to last byte received.
    /// Default: 60 s. Environment: `TRACEPROXY_UPSTREAM_TIMEOUT`.
    package var upstreamTimeout: Duration
    /// Longest time a client may take to send a complete request head.
    /// Default: 10 s. Environment: `TRACEPROXY_HEADER_TIMEOUT`.
    package var headerTimeout: Duration
    /// Longest time an idle keep-alive client connection stays open.
    /// Default: 60 s. Environment: `TRACEPROXY_IDLE_TIMEOUT`.
    package var idleTimeout: Duration
    /// Time in-flight requests get to finish at shutdown; zero closes at once.
    /// Default: 15 s. Environment: `TRACEPROXY_DRAIN_TIMEOUT`.
    package var drainTimeout: Duration
    /// Largest request head accepted, in bytes (1024...81920).
    /// Default: 32768. Environment: `TRACEPROXY_MAX_HEADER_BYTES`.
    package var maxHeaderBytes: Int
    /// Most client connections served at once (at least 1).
    /// Default: 1024. Environment: `TRACEPROXY_MAX_CONNECTIONS`.
    package var maxConnections: Int
    /// Whether the forwarded `Host` is the upstream's authority rather than the client's `Host`.
    /// Default: false. Environment: `TRACEPROXY_REWRITE_HOST`.
    package var rewriteHost: Bool
    /// Whether one log line is written per request.
    /// Default: false. Environment: `TRACEPROXY_ACCESS_LOG`.
    package var accessLog: Bool
    /// Lowest level logged.
    /// Default: `info`. Environment: `TRACEPROXY_LOG_LEVEL`.
    package var logLevel: LogLevel

    package init(
        listen: SocketAddressSpec,
        upstream: UpstreamURL,
        serviceName: String,
        exporters: [ExporterName],
        consoleOutput: String?,
        connectTimeout: Duration,
        upstreamTimeout: Duration,
        headerTimeout: Duration,
        idleTimeout: Duration,
        drainTimeout: Duration,
        maxHeaderBytes: Int,
        maxConnections: Int,
        rewriteHost: Bool,
        accessLog: Bool,
        logLevel: LogLevel
    ) {
        self.listen = listen
        self.upstream = upstream
        self.serviceName = serviceName
        self.exporters = exporters
        self.consoleOutput = consoleOutput
        self.connectTimeout = connectTimeout
        self.upstreamTimeout = upstreamTimeout
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
        self.drainTimeout = drainTimeout
        self.maxHeaderBytes = maxHeaderBytes
        self.maxConnections = maxConnections
        self.rewriteHost = rewriteHost
        self.accessLog = accessLog
        self.logLevel = logLevel
    }
}
