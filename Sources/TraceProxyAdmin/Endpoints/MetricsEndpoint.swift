import TraceProxyMetrics

/// `/metrics`: Prometheus text by default, OpenMetrics (with exemplars) when `Accept` asks for it.
struct MetricsEndpoint: Sendable {
    let recorder: REDRecorder
    let process: ProcessMetrics

    func respond(accept: String?, status: AdminStatus) -> AdminResponse {
        let format = MetricsFormat(accept: accept)
        let text = PrometheusTextEncoder(format: format).encode(
            red: self.recorder.snapshot(),
            exporters: status.exporters,
            process: self.process.sample()
        )
        return AdminResponse(
            status: 200,
            contentType: format.contentType,
            headers: [("Cache-Control", "no-store")],
            body: Array(text.utf8)
        )
    }
}
