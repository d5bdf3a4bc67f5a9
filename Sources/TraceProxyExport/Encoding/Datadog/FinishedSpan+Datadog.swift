import TraceProxyTracing

extension FinishedSpan {
    /// Datadog `name`, the operation: low-cardinality, by kind. The route goes in `resource`.
    ///
    /// | kind | name |
    /// | --- | --- |
    /// | server | `http.request` (what ddtrace's web integrations call an incoming request) |
    /// | client | `http.client.request` (Datadog's OTel mapping for outgoing HTTP) |
    /// | other | `traceproxy.<kind>` |
    package var datadogOperationName: String {
        switch self.kind {
        case .server: "http.request"
        case .client: "http.client.request"
        case .internal: "traceproxy.internal"
        case .producer: "traceproxy.producer"
        case .consumer: "traceproxy.consumer"
        }
    }

    /// Datadog `type`: `web` for incoming requests, `http` for outgoing calls, empty otherwise.
    package var datadogSpanType: String {
        switch self.kind {
        case .server: "web"
        case .client: "http"
        case .internal, .producer, .consumer: ""
        }
    }
}
