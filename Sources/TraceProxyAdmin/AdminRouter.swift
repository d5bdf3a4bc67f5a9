import TraceProxyMetrics
import TraceProxyStore

/// Maps an admin request to its response: a flat switch on the path, no I/O of its own.
///
/// | path                   | answer                                           |
/// | ---------------------- | ------------------------------------------------ |
/// | `/healthz`             | 200 `ok`                                         |
/// | `/readyz`              | 200 once `Readiness` is ready, else 503 + reason |
/// | `/metrics`             | Prometheus text, or OpenMetrics by `Accept`      |
/// | `/api/status`          | JSON from `StatusSource`                         |
/// | `/api/overview`, `/api/routes`, `/api/route` | JSON aggregates from the store |
/// | `/api/traces`, `/api/traces/<id>` | JSON spans from the store             |
/// | `/`, `/dashboard.js`, `/dashboard.css` | the embedded dashboard           |
/// | anything else          | 404 text                                         |
///
/// Methods other than GET and HEAD get 405 on every path. A nil store answers the store's
/// paths with 503 JSON.
package struct AdminRouter: Sendable {
    private let status: any StatusSource
    private let readiness: Readiness
    private let metrics: MetricsEndpoint
    private let aggregates: AggregatesEndpoint?
    private let traces: TracesEndpoint?

    package init(
        recorder: REDRecorder,
        store: TraceStore?,
        status: any StatusSource,
        readiness: Readiness,
        processMetrics: ProcessMetrics = ProcessMetrics()
    ) {
        self.status = status
        self.readiness = readiness
        self.metrics = MetricsEndpoint(recorder: recorder, process: processMetrics)
        self.aggregates = store.map(AggregatesEndpoint.init(store:))
        self.traces = store.map(TracesEndpoint.init(store:))
    }

    package func respond(to request: AdminRequest) -> AdminResponse {
        guard request.method != .other else {
            return .text(405, "method not allowed\n", headers: [("Allow", "GET, HEAD")])
        }
        switch request.path {
        case "/healthz": return ProbeEndpoint.liveness()
        case "/readyz": return ProbeEndpoint.readiness(self.readiness)
        case "/metrics": return self.metrics.respond(accept: request.accept, status: self.status.status())
        case "/api/status": return StatusEndpoint.respond(self.status.status())
        case "/api/overview": return self.aggregates?.overview(request.query) ?? Self.storeDisabled
        case "/api/routes": return self.aggregates?.routes(request.query) ?? Self.storeDisabled
        case "/api/route": return self.aggregates?.route(request.query) ?? Self.storeDisabled
        case "/api/traces": return self.traces?.list(request.query) ?? Self.storeDisabled
        case let path where path.hasPrefix("/api/traces/"):
            guard let traces = self.traces else { return Self.storeDisabled }
            let id = path.dropFirst("/api/traces/".count)
            return traces.trace(id: id, linkTemplate: self.status.status().traceLinkTemplate)
        case "/", "/index.html": return DashboardEndpoint.index()
        case "/dashboard.js": return DashboardEndpoint.script()
        case "/dashboard.css": return DashboardEndpoint.stylesheet()
        default: return .text(404, "not found\n")
        }
    }

    private static let storeDisabled = AdminResponse.jsonError(503, "trace store disabled")
}
