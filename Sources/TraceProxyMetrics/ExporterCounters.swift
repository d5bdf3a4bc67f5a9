/// One exporter's counters as the metrics encoder renders them.
///
/// Mirrors `ExporterStats.Snapshot` field for field; the app converts, so this module does not
/// depend on the export module.
package struct ExporterCounters: Sendable, Equatable {
    package var name: String
    package var queued: Int
    package var exported: Int
    package var droppedQueueFull: Int
    package var droppedRejected: Int
    package var droppedRetriesExhausted: Int
    package var droppedShutdown: Int
    package var failedRequests: Int
    /// Unix seconds of the last successful export, 0 if none.
    package var lastSuccessUnixSeconds: Int

    package init(
        name: String,
        queued: Int = 0,
        exported: Int = 0,
        droppedQueueFull: Int = 0,
        droppedRejected: Int = 0,
        droppedRetriesExhausted: Int = 0,
        droppedShutdown: Int = 0,
        failedRequests: Int = 0,
        lastSuccessUnixSeconds: Int = 0
    ) {
        self.name = name
        self.queued = queued
        self.exported = exported
        self.droppedQueueFull = droppedQueueFull
        self.droppedRejected = droppedRejected
        self.droppedRetriesExhausted = droppedRetriesExhausted
        self.droppedShutdown = droppedShutdown
        self.failedRequests = failedRequests
        self.lastSuccessUnixSeconds = lastSuccessUnixSeconds
    }
}
