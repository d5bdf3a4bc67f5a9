import TraceProxyAdmin
import TraceProxyConfig
import TraceProxyExport
import TraceProxyMetrics
import TraceProxyProxy

/// What the admin server's `/api/status` and `/metrics` show about this process and its exporters.
struct AppStatusSource: StatusSource {
    let configuration: TraceProxyConfiguration
    let listen: String
    let exporters: [ExporterStats]
    let started: ContinuousClock.Instant

    func status() -> AdminStatus {
        let uptime = ContinuousClock.now - self.started
        return AdminStatus(
            version: Resource.traceproxyVersion,
            serviceName: self.configuration.serviceName,
            upstream: self.configuration.upstream.baseURLString,
            listen: self.listen,
            uptimeSeconds: Double(uptime.components.seconds) + Double(uptime.components.attoseconds) / 1e18,
            traceLinkTemplate: self.configuration.traceLinkTemplate,
            exporters: self.exporters.map { ExporterCounters($0.snapshot) }
        )
    }
}

extension ExporterCounters {
    /// The admin side's copy of an exporter's counters (the metrics module does not know the exporters).
    init(_ snapshot: ExporterStats.Snapshot) {
        self.init(
            name: snapshot.name,
            queued: snapshot.queued,
            exported: snapshot.exported,
            droppedQueueFull: snapshot.droppedQueueFull,
            droppedRejected: snapshot.droppedRejected,
            droppedRetriesExhausted: snapshot.droppedRetriesExhausted,
            droppedShutdown: snapshot.droppedShutdown,
            failedRequests: snapshot.failedRequests,
            lastSuccessUnixSeconds: snapshot.lastSuccessUnixSeconds
        )
    }
}

/// The metrics' in-flight gauge, as the proxy sees it.
extension REDRecorder: InFlightGauge {}
