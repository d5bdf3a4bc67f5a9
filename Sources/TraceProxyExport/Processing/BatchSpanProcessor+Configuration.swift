extension BatchSpanProcessor {
    /// How finished spans wait before they are exported, and how failures are retried.
    package struct Configuration: Sendable, Equatable {
        /// Spans held before new ones are dropped (and counted).
        /// Default: 4096. Environment: `OTEL_BSP_MAX_QUEUE_SIZE`.
        package var maxQueueSize: Int
        /// Spans sent in one export request.
        /// Default: 512. Environment: `OTEL_BSP_MAX_EXPORT_BATCH_SIZE`.
        package var maxBatchSize: Int
        /// Longest time a span waits in the queue.
        /// Default: 1 s (a proxy's spans are small and steady). Environment: `OTEL_BSP_SCHEDULE_DELAY` (ms).
        package var scheduleDelay: Duration
        /// Upper bound for one export call, enforced by the exporter's transport.
        /// Default: 10 s. Environment: `OTEL_BSP_EXPORT_TIMEOUT` (ms).
        package var exportTimeout: Duration
        /// Attempts after the first for a retryable failure.
        /// Default: 5.
        package var maxRetries: Int
        /// First backoff; doubles per attempt with full jitter, capped by `maxBackoff`.
        /// Default: 250 ms.
        package var initialBackoff: Duration
        /// Default: 10 s.
        package var maxBackoff: Duration
        /// Shortest interval between two log lines about export failures.
        /// Default: 30 s.
        package var failureLogInterval: Duration

        package static let `default` = Configuration(
            maxQueueSize: 4096,
            maxBatchSize: 512,
            scheduleDelay: .seconds(1),
            exportTimeout: .seconds(10),
            maxRetries: 5,
            initialBackoff: .milliseconds(250),
            maxBackoff: .seconds(10),
            failureLogInterval: .seconds(30)
        )

        package init(
            maxQueueSize: Int,
            maxBatchSize: Int,
            scheduleDelay: Duration,
            exportTimeout: Duration,
            maxRetries: Int,
            initialBackoff: Duration,
            maxBackoff: Duration,
            failureLogInterval: Duration
        ) {
            self.maxQueueSize = maxQueueSize
            self.maxBatchSize = max(1, min(maxBatchSize, maxQueueSize))
            self.scheduleDelay = scheduleDelay
            self.exportTimeout = exportTimeout
            self.maxRetries = maxRetries
            self.initialBackoff = initialBackoff
            self.maxBackoff = maxBackoff
            self.failureLogInterval = failureLogInterval
        }
    }
}
