/// p50, p90, p95 and p99 of a set of requests, in milliseconds.
package struct LatencyPercentiles: Sendable, Equatable {
    package var p50: Double
    package var p90: Double
    package var p95: Double
    package var p99: Double

    package init(p50: Double, p90: Double, p95: Double, p99: Double) {
        self.p50 = p50
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
    }

    /// Nil when the digest is empty: "no data" is not zero latency.
    init?(_ digest: LatencyDigest) {
        guard !digest.isEmpty else { return nil }
        self.init(
            p50: Double(digest.value(atPercentile: 50)) / 1000,
            p90: Double(digest.value(atPercentile: 90)) / 1000,
            p95: Double(digest.value(atPercentile: 95)) / 1000,
            p99: Double(digest.value(atPercentile: 99)) / 1000
        )
    }
}
