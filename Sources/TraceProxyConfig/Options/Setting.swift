import ArgumentParser

/// One configurable setting: its flag, its environment variable, its default and its help.
///
/// This table is the one place defaults are written down (the environment-only
/// exporter variables have theirs in `ExportVariable`). `RunOptions` takes its
/// help from here and `resolve(environment:)` parses the default text with the
/// same parser as user input, so help and behaviour cannot drift apart.
enum Setting: CaseIterable {
    case listen, upstream, serviceName, exporter, consoleOutput, otlpEndpoint, datadogAgentURL
    case connectTimeout, upstreamTimeout, headerTimeout, idleTimeout, drainTimeout
    case maxHeaderBytes, maxConnections
    case rewriteHost, accessLog, logLevel
    case propagators, sampler, samplerArg, maxTracesPerSecond, keepErrors, keepSlowerThan
    case route, openAPIPath, captureRequestHeader, captureResponseHeader, redactHeader, redactQueryParam
    case traceProbes, healthPath, clientSpans, traceResponse
    case admin, adminPublic, storeSpans, traceLinkTemplate

    /// The long flag name without dashes.
    var longName: String {
        switch self {
        case .listen: "listen"
        case .upstream: "upstream"
        case .serviceName: "service-name"
        case .exporter: "exporter"
        case .consoleOutput: "console-output"
        case .otlpEndpoint: "otlp-endpoint"
        case .datadogAgentURL: "datadog-agent-url"
        case .connectTimeout: "connect-timeout"
        case .upstreamTimeout: "upstream-timeout"
        case .headerTimeout: "header-timeout"
        case .idleTimeout: "idle-timeout"
        case .drainTimeout: "drain-timeout"
        case .maxHeaderBytes: "max-header-bytes"
        case .maxConnections: "max-connections"
        case .rewriteHost: "rewrite-host"
        case .accessLog: "access-log"
        case .logLevel: "log-level"
        case .propagators: "propagators"
        case .sampler: "sampler"
        case .samplerArg: "sampler-arg"
        case .maxTracesPerSecond: "max-traces-per-second"
        case .keepErrors: "keep-errors"
        case .keepSlowerThan: "keep-slower-than"
        case .route: "route"
        case .openAPIPath: "openapi-path"
        case .captureRequestHeader: "capture-request-header"
        case .captureResponseHeader: "capture-response-header"
        case .redactHeader: "redact-header"
        case .redactQueryParam: "redact-query-param"
        case .traceProbes: "trace-probes"
        case .healthPath: "health-path"
        case .clientSpans: "client-spans"
        case .traceResponse: "trace-response"
        case .admin: "admin"
        case .adminPublic: "admin-public"
        case .storeSpans: "store-spans"
        case .traceLinkTemplate: "trace-link-template"
        }
    }

    /// The flag as the user types it, and as error lines name it.
    var flag: String { "--\(self.longName)" }

    var environmentKey: EnvironmentKey {
        switch self {
        case .listen: .listen
        case .upstream: .upstream
        case .serviceName: .serviceName
        case .exporter: .tracesExporter
        case .consoleOutput: .consoleOutput
        case .otlpEndpoint: .otlpTracesEndpoint
        case .datadogAgentURL: .datadogTraceAgentURL
        case .connectTimeout: .connectTimeout
        case .upstreamTimeout: .upstreamTimeout
        case .headerTimeout: .headerTimeout
        case .idleTimeout: .idleTimeout
        case .drainTimeout: .drainTimeout
        case .maxHeaderBytes: .maxHeaderBytes
        case .maxConnections: .maxConnections
        case .rewriteHost: .rewriteHost
        case .accessLog: .accessLog
        case .logLevel: .logLevel
        case .propagators: .propagators
        case .sampler: .tracesSampler
        case .samplerArg: .tracesSamplerArg
        case .maxTracesPerSecond: .maxTracesPerSecond
        case .keepErrors: .keepErrors
        case .keepSlowerThan: .keepSlowerThan
        case .route: .routes
        case .openAPIPath: .openAPIPath
        case .captureRequestHeader: .captureRequestHeaders
        case .captureResponseHeader: .captureResponseHeaders
        case .redactHeader: .redactHeaders
        case .redactQueryParam: .redactQueryParams
        case .traceProbes: .traceProbes
        case .healthPath: .healthPaths
        case .clientSpans: .clientSpans
        case .traceResponse: .traceResponse
        case .admin: .admin
        case .adminPublic: .adminPublic
        case .storeSpans: .storeSpans
        case .traceLinkTemplate: .traceLinkTemplate
        }
    }

    /// Whether the setting must be given; only the upstream has no sensible default.
    var isRequired: Bool { self == .upstream }

    /// The value used when neither the flag nor the variable is given, in flag syntax.
    ///
    /// `nil` means required (`isRequired`) or, for the others, "unset": no value, an empty list.
    var defaultValue: String? {
        switch self {
        // 7800 avoids the ports listed in DESIGN.md (Envoy, Prometheus, Jaeger, Datadog, Zipkin, app ports).
        case .listen: "127.0.0.1:7800"
        case .upstream: nil
        case .serviceName: "traceproxy"
        case .exporter: ExporterListParser.noneKeyword
        case .consoleOutput: "-"
        // The http/protobuf default; `ExportEnvironment` picks the grpc one for grpc.
        case .otlpEndpoint: ExportEnvironment.defaultOTLPHTTPEndpoint
        // Composed from DD_AGENT_HOST and DD_TRACE_AGENT_PORT when DD_TRACE_AGENT_URL is unset.
        case .datadogAgentURL: "http://localhost:8126"
        case .connectTimeout: "5s"
        case .upstreamTimeout: "60s"
        case .headerTimeout: "10s"
        case .idleTimeout: "60s"
        case .drainTimeout: "15s"
        case .maxHeaderBytes: "32768"
        case .maxConnections: "1024"
        case .rewriteHost: "false"
        case .accessLog: "false"
        case .logLevel: LogLevel.info.rawValue
        case .propagators: "tracecontext,baggage"
        case .sampler: "parentbased_always_on"
        case .samplerArg: nil
        case .maxTracesPerSecond: "0"
        case .keepErrors: "false"
        case .keepSlowerThan: TracingParsers.offKeyword
        case .route: nil
        case .openAPIPath: "/openapi.json"
        case .captureRequestHeader, .captureResponseHeader, .redactHeader: nil
        case .redactQueryParam: "token,key,api_key,password,secret,signature,sig,code"
        case .traceProbes: "false"
        case .healthPath: "/healthz,/readyz,/livez"
        case .clientSpans: "true"
        case .traceResponse: "false"
        case .admin: "127.0.0.1:7801"
        case .adminPublic: "false"
        case .storeSpans: "auto"
        case .traceLinkTemplate: nil
        }
    }

    /// Whether the flag may be given several times; its variable then holds a comma-separated list.
    var isRepeatable: Bool {
        switch self {
        case .route, .captureRequestHeader, .captureResponseHeader, .redactHeader, .redactQueryParam, .healthPath:
            true
        default: false
        }
    }

    private var abstract: String {
        switch self {
        case .listen: "Address to accept clients on; :PORT means all IPv4 interfaces, port 0 any free port."
        case .upstream: "Service to forward to: http(s)://host[:port][/base-path]."
        case .serviceName:
            "service.name recorded on every span. Precedence: this flag, OTEL_SERVICE_NAME, service.name in "
                + "OTEL_RESOURCE_ATTRIBUTES, DD_SERVICE, the default."
        case .exporter:
            "Comma-separated span exporters: \(ExporterName.allCases.map(\.rawValue).joined(separator: ", ")), or none."
        case .consoleOutput: "File the console exporter appends to; - means stdout."
        case .otlpEndpoint:
            "OTLP traces URL, used as is. Else OTEL_EXPORTER_OTLP_ENDPOINT, plus /v1/traces for the http "
                + "protocols; the grpc default is \(ExportEnvironment.defaultOTLPGRPCEndpoint)."
        case .datadogAgentURL:
            "Datadog agent URL. Else http://DD_AGENT_HOST:DD_TRACE_AGENT_PORT."
        case .connectTimeout: "Upstream connect timeout."
        case .upstreamTimeout: "Longest the upstream may stay silent while a response is awaited or streamed (then 504, or the connection is closed)."
        case .headerTimeout: "Time a client has to send a complete request head."
        case .idleTimeout: "Time an idle keep-alive client connection stays open."
        case .drainTimeout: "Time in-flight requests get to finish at shutdown; 0 closes at once."
        case .maxHeaderBytes: "Largest request head, in bytes or with a KiB/MiB suffix (1KiB to 80KiB)."
        case .maxConnections: "Most client connections served at once."
        case .rewriteHost: "Send the upstream's host as Host instead of the client's."
        case .accessLog: "Log one line per request."
        case .logLevel: "Log level: \(LogLevel.allCases.map(\.rawValue).joined(separator: ", "))."
        case .propagators:
            "Comma-separated trace-context formats read and written: "
                + "\(TracingParsers.propagatorNames); none disables propagation."
        case .sampler: "Sampler for new traces: \(TracingParsers.samplerNames)."
        case .samplerArg: "Sampler argument: the ratio 0 to 1 of the traceidratio samplers (then default 1)."
        case .maxTracesPerSecond: "Most new traces sampled per second, e.g. 100 or 0.5; 0 means unlimited."
        case .keepErrors: "Keep every trace with an error, even if not sampled."
        case .keepSlowerThan: "Keep every trace slower than this duration, even if not sampled; off disables."
        case .route:
            "Route pattern naming spans, /path or METHOD /path with {name} placeholders, e.g. GET /orders/{id}. "
                + "Repeatable; the variable takes a comma-separated list."
        case .openAPIPath: "Upstream path of an OpenAPI document to learn routes from; off disables."
        case .captureRequestHeader:
            "Request header recorded as a span attribute. Repeatable; the variable takes a comma-separated list."
        case .captureResponseHeader:
            "Response header recorded as a span attribute. Repeatable; the variable takes a comma-separated list."
        case .redactHeader:
            "Header whose value is recorded as [REDACTED], in addition to "
                + "\(TraceProxyConfiguration.alwaysRedactedHeaders.joined(separator: ", ")). "
                + "Repeatable; the variable takes a comma-separated list."
        case .redactQueryParam:
            "Query parameter whose value is recorded as [REDACTED]; given ones replace the default list. "
                + "Repeatable; the variable takes a comma-separated list."
        case .traceProbes: "Trace requests to the health paths too."
        case .healthPath:
            "Path of a health probe, not traced unless --trace-probes. "
                + "Repeatable; the variable takes a comma-separated list."
        case .clientSpans: "Record a client span for each upstream exchange, under the server span."
        case .traceResponse: "Send the trace context back to the client (traceresponse header)."
        case .admin: "Address of the admin server (dashboard, span store API); off disables it."
        case .adminPublic: "Allow --admin on a non-loopback address."
        case .storeSpans:
            "Finished spans kept in memory for the dashboard (0 to 1000000); auto keeps 10000 without an exporter and 1000 with one (the backend holds the traces; RED charts do not depend on it)."
        case .traceLinkTemplate: "URL of a trace in another tool, with {trace_id}; the dashboard links to it."
        }
    }

    private var valueName: String? {
        switch self {
        case .listen, .admin: "host:port"
        case .upstream, .otlpEndpoint, .datadogAgentURL, .traceLinkTemplate: "url"
        case .serviceName, .sampler, .captureRequestHeader, .captureResponseHeader, .redactHeader,
            .redactQueryParam:
            "name"
        case .exporter, .propagators: "list"
        case .consoleOutput, .openAPIPath, .healthPath: "path"
        case .connectTimeout, .upstreamTimeout, .headerTimeout, .idleTimeout, .drainTimeout, .keepSlowerThan:
            "duration"
        case .maxHeaderBytes: "size"
        case .maxConnections, .storeSpans: "count"
        case .rewriteHost, .accessLog, .keepErrors, .traceProbes, .clientSpans, .traceResponse, .adminPublic: nil
        case .logLevel: "level"
        case .samplerArg: "value"
        case .maxTracesPerSecond: "rate"
        case .route: "pattern"
        }
    }

    /// `default: X`, `required`, or `default: none` for a setting that may stay unset.
    var origin: String {
        if let defaultValue = self.defaultValue { return "default: \(defaultValue)" }
        return self.isRequired ? "required" : "default: none"
    }

    /// For example `Upstream connect timeout. (default: 5s, env: TRACEPROXY_CONNECT_TIMEOUT)`.
    ///
    /// Options that environment-only variables belong to list them, one per line, in the same form.
    var help: ArgumentHelp {
        let variables = ExportVariable.allCases.filter { $0.owner == self }.map(\.helpLine)
        return ArgumentHelp(
            "\(self.abstract) (\(self.origin), env: \(self.environmentKey.rawValue))",
            discussion: variables.joined(separator: "\n"),
            valueName: self.valueName
        )
    }
}
