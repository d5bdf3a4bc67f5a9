import TraceProxyTracing

/// The validated configuration of one traceproxy process.
///
/// Built by `RunOptions.resolve(environment:)`; plain values only, so that
/// `TraceProxyApp` maps them onto the servers and this module stays free of them.
package struct TraceProxyConfiguration: Sendable, Equatable {
    /// Headers whose values are always recorded as `[REDACTED]`; `redactHeaders` starts with them.
    package static let alwaysRedactedHeaders = ["authorization", "proxy-authorization", "cookie", "set-cookie"]

    /// Where the proxy accepts client connections.
    /// Default: `127.0.0.1:7800`. Environment: `TRACEPROXY_LISTEN`.
    package var listen: SocketAddressSpec
    /// The service requests are forwarded to.
    /// Default: none, required. Environment: `TRACEPROXY_UPSTREAM`.
    package var upstream: UpstreamURL
    /// `service.name` on every span. Precedence: `--service-name`, `OTEL_SERVICE_NAME`,
    /// `service.name` in `OTEL_RESOURCE_ATTRIBUTES`, `DD_SERVICE`, the default `traceproxy`.
    package var serviceName: String
    /// Exporters that receive sampled spans, without duplicates; empty means none
    /// (the embedded dashboard still sees every span).
    /// Default: none. Environment: `OTEL_TRACES_EXPORTER`.
    package var exporters: [ExporterName]
    /// File the console exporter appends to; `nil` means standard output.
    /// Default: `-` (stdout). Environment: `TRACEPROXY_CONSOLE_OUTPUT`.
    package var consoleOutput: String?
    /// Where and how the exporters send: the environment-only exporter variables,
    /// `--otlp-endpoint` and `--datadog-agent-url` (see `ExportSettings`).
    package var export: ExportSettings
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

    // Tracing.

    /// Trace-context formats extracted and injected, deduplicated, `none` removed; empty disables propagation.
    /// Default: `tracecontext,baggage`. Flag: `--propagators`. Environment: `OTEL_PROPAGATORS`.
    package var propagators: [PropagatorName]
    /// The sampler for new traces, with its ratio.
    /// Default: `parentbased_always_on`. Flags: `--sampler`, `--sampler-arg`.
    /// Environment: `OTEL_TRACES_SAMPLER`, `OTEL_TRACES_SAMPLER_ARG`.
    package var sampler: SamplerSelection
    /// Most new traces sampled per second; `nil` means unlimited.
    /// Default: 0 (`nil`). Flag: `--max-traces-per-second`. Environment: `TRACEPROXY_MAX_TRACES_PER_SECOND`.
    package var maxTracesPerSecond: Double?
    /// Whether traces with an error are kept even when not sampled.
    /// Default: false. Flag: `--keep-errors`. Environment: `TRACEPROXY_KEEP_ERRORS`.
    package var keepErrors: Bool
    /// Traces slower than this are kept even when not sampled; `nil` means off.
    /// Default: `off`. Flag: `--keep-slower-than`. Environment: `TRACEPROXY_KEEP_SLOWER_THAN`.
    package var keepSlowerThan: Duration?
    /// Route patterns (`/path` or `METHOD /path`, `{name}` placeholders) as written, deduplicated.
    /// Default: none. Flag: `--route` (repeatable). Environment: `TRACEPROXY_ROUTES` (comma-separated).
    package var routes: [String]
    /// Upstream path of an OpenAPI document to learn routes from; `nil` means off.
    /// Default: `/openapi.json`. Flag: `--openapi-path`. Environment: `TRACEPROXY_OPENAPI_PATH`.
    package var openAPIPath: String?
    /// Request headers recorded as span attributes; lowercased, deduplicated.
    /// Default: none. Flag: `--capture-request-header` (repeatable).
    /// Environment: `TRACEPROXY_CAPTURE_REQUEST_HEADERS` (comma-separated).
    package var captureRequestHeaders: [String]
    /// Response headers recorded as span attributes; lowercased, deduplicated.
    /// Default: none. Flag: `--capture-response-header` (repeatable).
    /// Environment: `TRACEPROXY_CAPTURE_RESPONSE_HEADERS` (comma-separated).
    package var captureResponseHeaders: [String]
    /// Headers whose values are recorded as `[REDACTED]`: `alwaysRedactedHeaders`, then the given ones
    /// (lowercased, deduplicated). Flag: `--redact-header` (repeatable).
    /// Environment: `TRACEPROXY_REDACT_HEADERS` (comma-separated).
    package var redactHeaders: [String]
    /// Query parameters whose values are recorded as `[REDACTED]`, as written; given ones replace the default.
    /// Default: `token,key,api_key,password,secret,signature,sig,code`. Flag: `--redact-query-param`
    /// (repeatable). Environment: `TRACEPROXY_REDACT_QUERY_PARAMS` (comma-separated).
    package var redactQueryParams: [String]
    /// Whether requests to `healthPaths` are traced.
    /// Default: false. Flag: `--trace-probes`. Environment: `TRACEPROXY_TRACE_PROBES`.
    package var traceProbes: Bool
    /// Paths of health probes, not traced unless `traceProbes`.
    /// Default: `/healthz,/readyz,/livez`. Flag: `--health-path` (repeatable).
    /// Environment: `TRACEPROXY_HEALTH_PATHS` (comma-separated).
    package var healthPaths: [String]
    /// Whether each upstream exchange gets a client span under the server span.
    /// Default: true. Flag: `--client-spans`. Environment: `TRACEPROXY_CLIENT_SPANS`.
    package var clientSpans: Bool
    /// Whether the trace context is sent back to the client (`traceresponse`).
    /// Default: false. Flag: `--trace-response`. Environment: `TRACEPROXY_TRACE_RESPONSE`.
    package var traceResponse: Bool

    // Admin server and span store.

    /// Where the admin server (dashboard, span store API) listens; `nil` means off. Only a loopback
    /// host (127.0.0.0/8, `::1`, `localhost`) unless `adminPublic`.
    /// Default: `127.0.0.1:7801`. Flag: `--admin`. Environment: `TRACEPROXY_ADMIN`.
    package var admin: SocketAddressSpec?
    /// Whether `admin` may be a non-loopback address.
    /// Default: false. Flag: `--admin-public`. Environment: `TRACEPROXY_ADMIN_PUBLIC`.
    package var adminPublic: Bool
    /// Finished spans kept in memory for the dashboard (0...1_000_000).
    /// Default: `auto` (`StoreSize.automatic`). Flag: `--store-spans`. Environment: `TRACEPROXY_STORE_SPANS`.
    package var storeSpans: Int
    /// URL of a trace in another tool, containing `{trace_id}`; `nil` means no link.
    /// Default: none. Flag: `--trace-link-template`. Environment: `TRACEPROXY_TRACE_LINK_TEMPLATE`.
    package var traceLinkTemplate: String?

    package init(
        listen: SocketAddressSpec,
        upstream: UpstreamURL,
        serviceName: String,
        exporters: [ExporterName],
        consoleOutput: String?,
        export: ExportSettings,
        connectTimeout: Duration,
        upstreamTimeout: Duration,
        headerTimeout: Duration,
        idleTimeout: Duration,
        drainTimeout: Duration,
        maxHeaderBytes: Int,
        maxConnections: Int,
        rewriteHost: Bool,
        accessLog: Bool,
        logLevel: LogLevel,
        propagators: [PropagatorName],
        sampler: SamplerSelection,
        maxTracesPerSecond: Double?,
        keepErrors: Bool,
        keepSlowerThan: Duration?,
        routes: [String],
        openAPIPath: String?,
        captureRequestHeaders: [String],
        captureResponseHeaders: [String],
        redactHeaders: [String],
        redactQueryParams: [String],
        traceProbes: Bool,
        healthPaths: [String],
        clientSpans: Bool,
        traceResponse: Bool,
        admin: SocketAddressSpec?,
        adminPublic: Bool,
        storeSpans: Int,
        traceLinkTemplate: String?
    ) {
        self.listen = listen
        self.upstream = upstream
        self.serviceName = serviceName
        self.exporters = exporters
        self.consoleOutput = consoleOutput
        self.export = export
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
        self.propagators = propagators
        self.sampler = sampler
        self.maxTracesPerSecond = maxTracesPerSecond
        self.keepErrors = keepErrors
        self.keepSlowerThan = keepSlowerThan
        self.routes = routes
        self.openAPIPath = openAPIPath
        self.captureRequestHeaders = captureRequestHeaders
        self.captureResponseHeaders = captureResponseHeaders
        self.redactHeaders = redactHeaders
        self.redactQueryParams = redactQueryParams
        self.traceProbes = traceProbes
        self.healthPaths = healthPaths
        self.clientSpans = clientSpans
        self.traceResponse = traceResponse
        self.admin = admin
        self.adminPublic = adminPublic
        self.storeSpans = storeSpans
        self.traceLinkTemplate = traceLinkTemplate
    }
}
