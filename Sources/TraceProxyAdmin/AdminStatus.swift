import TraceProxyMetrics

/// What `/api/status` shows and where `/metrics` gets exporter counters, supplied by the app.
package struct AdminStatus: Sendable, Equatable {
    package var version: String
    package var serviceName: String
    /// The upstream URL as configured.
    package var upstream: String
    /// The proxy's listen address as configured.
    package var listen: String
    package var uptimeSeconds: Double
    /// A backend URL with `{trace_id}` where the id goes, or nil when there is no trace UI.
    package var traceLinkTemplate: String?
    package var exporters: [ExporterCounters]

    package init(
        version: String,
        serviceName: String,
        upstream: String,
        listen: String,
        uptimeSeconds: Double,
        traceLinkTemplate: String? = nil,
        exporters: [ExporterCounters] = []
    ) {
        self.version = version
        self.serviceName = serviceName
        self.upstream = upstream
        self.listen = listen
        self.uptimeSeconds = uptimeSeconds
        self.traceLinkTemplate = traceLinkTemplate
        self.exporters = exporters
    }
}
