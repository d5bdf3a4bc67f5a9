import Synchronization
import Logging

/// Logs export failures and drops at most once per interval, with counts.
struct FailureLog {
    let interval: Duration
    private var lastLog: ContinuousClock.Instant?
    private var failuresSinceLog = 0
    private var lastReportedQueueDrops = 0

    init(interval: Duration) {
        self.interval = interval
    }

    private mutating func due() -> Bool {
        let now = ContinuousClock.now
        if let last = self.lastLog, now - last < self.interval { return false }
        self.lastLog = now
        return true
    }

    mutating func record(_ error: ExportError, logger: Logger, exporter: String) {
        self.failuresSinceLog += 1
        guard self.due() else { return }
        logger.warning(
            "Span export failed.",
            metadata: [
                "exporter": "\(exporter)", "error": "\(error)", "failures_since_last_log": "\(self.failuresSinceLog)",
            ]
        )
        self.failuresSinceLog = 0
    }

    mutating func reportDrops(_ stats: ExporterStats, logger: Logger) {
        let drops = stats.droppedQueueFull.load(ordering: .relaxed)
        guard drops > self.lastReportedQueueDrops, self.due() else { return }
        logger.warning(
            "Span queue full; spans dropped.",
            metadata: ["exporter": "\(stats.name)", "dropped": "\(drops - self.lastReportedQueueDrops)"]
        )
        self.lastReportedQueueDrops = drops
    }
}
