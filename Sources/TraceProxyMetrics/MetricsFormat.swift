/// The two text exposition formats `/metrics` speaks.
package enum MetricsFormat: Sendable {
    /// Prometheus text format 0.0.4 (https://prometheus.io/docs/instrumenting/exposition_formats/).
    case prometheus
    /// OpenMetrics 1.0 (https://github.com/prometheus/OpenMetrics/blob/main/specification/OpenMetrics.md).
    case openMetrics

    package var contentType: String {
        switch self {
        case .prometheus: "text/plain; version=0.0.4; charset=utf-8"
        case .openMetrics: "application/openmetrics-text; version=1.0.0; charset=utf-8"
        }
    }

    /// OpenMetrics when the `Accept` header names it, as Prometheus asks when it wants exemplars.
    package init(accept: String?) {
        guard let accept, accept.utf8.count >= 28 else {
            self = .prometheus
            return
        }
        self = accept.lowercased().contains("application/openmetrics-text") ? .openMetrics : .prometheus
    }
}
