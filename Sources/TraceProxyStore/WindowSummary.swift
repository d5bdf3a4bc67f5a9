/// Requests, errors and latency percentiles over a window, in total and per bucket.
package struct WindowSummary: Sendable, Equatable {
    /// Figures for a set of requests: the whole window or one bucket.
    package struct Figures: Sendable, Equatable {
        package var requests: UInt64
        package var errors: UInt64
        /// Requests per second over the interval's full length.
        package var requestsPerSecond: Double
        /// Nil when there were no requests.
        package var latency: LatencyPercentiles?

        package var errorRate: Double { self.requests == 0 ? 0 : Double(self.errors) / Double(self.requests) }

        package init(requests: UInt64, errors: UInt64, requestsPerSecond: Double, latency: LatencyPercentiles?) {
            self.requests = requests
            self.errors = errors
            self.requestsPerSecond = requestsPerSecond
            self.latency = latency
        }
    }

    /// One bucket of the series.
    package struct Point: Sendable, Equatable {
        /// Start of the bucket, unix seconds.
        package var startUnixSeconds: Int
        package var figures: Figures
    }

    package var windowSeconds: Int
    package var bucketSeconds: Int
    package var nowUnixSeconds: Int
    package var totals: Figures
    /// One point per bucket in the window, oldest first, empty buckets included.
    package var series: [Point]
}
