import TraceProxyTracing

/// What goes into a request's spans beyond the fixed attributes, and which requests are traced.
package struct SpanRecordingOptions: Sendable {
    /// Request headers recorded as `http.request.header.<name>` (lowercased names).
    /// Default: none. Environment: `TRACEPROXY_CAPTURE_REQUEST_HEADERS`.
    package var captureRequestHeaders: [String]
    /// Response headers recorded as `http.response.header.<name>`.
    /// Default: none. Environment: `TRACEPROXY_CAPTURE_RESPONSE_HEADERS`.
    package var captureResponseHeaders: [String]
    /// Header names never recorded, even when asked for (credentials and cookies always are).
    /// Default: none beyond the fixed four. Environment: `TRACEPROXY_REDACT_HEADERS`.
    package var redactHeaders: Set<String>
    /// Query keys whose values become `REDACTED` in `url.query`.
    /// Default: token, key, api_key, password, secret, signature, sig, code. Environment: `TRACEPROXY_REDACT_QUERY_PARAMS`.
    package var redactQueryParams: Set<String>
    /// Trace Kubernetes probes (`User-Agent: kube-probe/*`) and requests to `healthPaths`.
    /// Default: false (they are still counted in metrics). Environment: `TRACEPROXY_TRACE_PROBES`.
    package var traceProbes: Bool
    /// Default: /healthz, /readyz, /livez. Environment: `TRACEPROXY_HEALTH_PATHS`.
    package var healthPaths: Set<String>
    /// Record a CLIENT child span for the upstream call, with libcurl's phase timings.
    /// Default: true. Environment: `TRACEPROXY_CLIENT_SPANS`.
    package var clientSpans: Bool
    /// Return a W3C `traceresponse` header to the client.
    /// Default: false. Environment: `TRACEPROXY_TRACE_RESPONSE`.
    package var traceResponse: Bool
    /// Export an unsampled request's spans anyway when it failed (5xx or a proxy failure).
    /// Default: false. Environment: `TRACEPROXY_KEEP_ERRORS`.
    package var keepErrors: Bool
    /// Export an unsampled request's spans anyway when it took longer than this.
    /// Default: off. Environment: `TRACEPROXY_KEEP_SLOWER_THAN`.
    package var keepSlowerThan: Duration?
    /// Names span and `http.route` by route template.
    package var routes: any RouteMatcher

    /// Always redacted: credentials and session cookies never become attributes.
    package static let alwaysRedactedHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie", "set-cookie"]
    package static let defaultRedactedQueryParams: Set<String> = [
        "token", "key", "api_key", "password", "secret", "signature", "sig", "code",
    ]

    package init(
        captureRequestHeaders: [String] = [],
        captureResponseHeaders: [String] = [],
        redactHeaders: Set<String> = [],
        redactQueryParams: Set<String> = SpanRecordingOptions.defaultRedactedQueryParams,
        traceProbes: Bool = false,
        healthPaths: Set<String> = ["/healthz", "/readyz", "/livez"],
        clientSpans: Bool = true,
        traceResponse: Bool = false,
        keepErrors: Bool = false,
        keepSlowerThan: Duration? = nil,
        routes: any RouteMatcher = NoRouteMatcher()
    ) {
        let redacted = Self.alwaysRedactedHeaders.union(redactHeaders.map { $0.lowercased() })
        self.captureRequestHeaders = captureRequestHeaders.map { $0.lowercased() }.filter { !redacted.contains($0) }
        self.captureResponseHeaders = captureResponseHeaders.map { $0.lowercased() }.filter { !redacted.contains($0) }
        self.redactHeaders = redacted
        self.redactQueryParams = Set(redactQueryParams.map { $0.lowercased() })
        self.traceProbes = traceProbes
        self.healthPaths = healthPaths
        self.clientSpans = clientSpans
        self.traceResponse = traceResponse
        self.keepErrors = keepErrors
        self.keepSlowerThan = keepSlowerThan
        self.routes = routes
    }

    /// `a=1&token=abc` → `a=1&token=REDACTED`; keys compare case-insensitively (ASCII).
    ///
    /// Runs for every request with a query: it scans bytes and builds a new string only when a key matches.
    func redactedQuery(_ query: Substring) -> String {
        guard !self.redactQueryParams.isEmpty else { return String(query) }
        let bytes = query.utf8
        var redacted: String?
        var copiedUpTo = bytes.startIndex
        var pairStart = bytes.startIndex
        while pairStart < bytes.endIndex {
            let pairEnd = bytes[pairStart...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.endIndex
            if let equals = bytes[pairStart..<pairEnd].firstIndex(of: UInt8(ascii: "=")),
                self.redactQueryParams.contains(where: { query[pairStart..<equals].equalsIgnoringASCIICase($0) })
            {
                if redacted == nil { redacted = String() }
                redacted!.append(contentsOf: query[copiedUpTo...equals])
                redacted!.append("REDACTED")
                copiedUpTo = pairEnd
            }
            pairStart = pairEnd < bytes.endIndex ? bytes.index(after: pairEnd) : bytes.endIndex
        }
        guard var redacted else { return String(query) }
        redacted.append(contentsOf: query[copiedUpTo...])
        return redacted
    }
}
