import Synchronization

/// Counters of one exporter, read by the metrics endpoint. Lock-free: the request path bumps them.
package final class ExporterStats: Sendable {
    package let name: String
    package let queued = Atomic<Int>(0)
    package let exported = Atomic<Int>(0)
    package let droppedQueueFull = Atomic<Int>(0)
    package let droppedRejected = Atomic<Int>(0)
    package let droppedRetriesExhausted = Atomic<Int>(0)
    package let droppedShutdown = Atomic<Int>(0)
    package let failedRequests = Atomic<Int>(0)
    /// Export attempts that got no answer within the export timeout (also in `failedRequests`; retried).
    package let timeouts = Atomic<Int>(0)
    /// Spans an OTLP backend reported dropping in a partial success (the batch counts as exported).
    package let rejectedPartial = Atomic<Int>(0)
    /// Unix seconds of the last successful export, 0 if none.
    package let lastSuccessUnixSeconds = Atomic<Int>(0)

    package init(name: String) {
        self.name = name
    }

    /// A consistent-enough copy for rendering.
    package var snapshot: Snapshot {
        Snapshot(
            name: self.name,
            queued: self.queued.load(ordering: .relaxed),
            exported: self.exported.load(ordering: .relaxed),
            droppedQueueFull: self.droppedQueueFull.load(ordering: .relaxed),
            droppedRejected: self.droppedRejected.load(ordering: .relaxed),
            droppedRetriesExhausted: self.droppedRetriesExhausted.load(ordering: .relaxed),
            droppedShutdown: self.droppedShutdown.load(ordering: .relaxed),
            failedRequests: self.failedRequests.load(ordering: .relaxed),
            timeouts: self.timeouts.load(ordering: .relaxed),
            rejectedPartial: self.rejectedPartial.load(ordering: .relaxed),
            lastSuccessUnixSeconds: self.lastSuccessUnixSeconds.load(ordering: .relaxed)
        )
    }

    package struct Snapshot: Sendable, Equatable {
        package var name: String
        package var queued: Int
        package var exported: Int
        package var droppedQueueFull: Int
        package var droppedRejected: Int
        package var droppedRetriesExhausted: Int
        package var droppedShutdown: Int
        package var failedRequests: Int
        package var timeouts: Int
        package var rejectedPartial: Int
        package var lastSuccessUnixSeconds: Int
    }
}
