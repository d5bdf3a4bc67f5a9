/// The batch span processor's limits (`OTEL_BSP_*`), shared by every exporter.
package struct BatchSettings: Sendable, Equatable {
    /// Spans buffered before new ones are dropped. Default: 4096. Environment: `OTEL_BSP_MAX_QUEUE_SIZE`.
    package var maxQueueSize: Int
    /// Most spans per export, at most `maxQueueSize` (the default is lowered to a smaller queue size).
    /// Default: 512. Environment: `OTEL_BSP_MAX_EXPORT_BATCH_SIZE`.
    package var maxExportBatchSize: Int
    /// Longest wait between two exports. Default: 1000 ms. Environment: `OTEL_BSP_SCHEDULE_DELAY` (ms).
    package var scheduleDelay: Duration
    /// Longest one export may take. Default: 10000 ms. Environment: `OTEL_BSP_EXPORT_TIMEOUT` (ms).
    package var exportTimeout: Duration

    package init(maxQueueSize: Int, maxExportBatchSize: Int, scheduleDelay: Duration, exportTimeout: Duration) {
        self.maxQueueSize = maxQueueSize
        self.maxExportBatchSize = maxExportBatchSize
        self.scheduleDelay = scheduleDelay
        self.exportTimeout = exportTimeout
    }
}
