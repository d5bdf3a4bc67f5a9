/// Counters and a fixed-bucket latency histogram for one `REDSeriesKey`.
///
/// Arrays are sized once at creation, so recording only writes into them.
package struct REDSeries: Sendable, Equatable {
    /// The most recent observation in one histogram bucket, rendered as an OpenMetrics exemplar.
    package struct Exemplar: Sendable, Equatable {
        /// The trace id as 32 lowercase hex characters is rendered from these two halves.
        package var traceIDHigh: UInt64
        package var traceIDLow: UInt64
        package var valueSeconds: Double
        package var timestampUnixSeconds: Double
    }

    package var key: REDSeriesKey
    /// Non-cumulative counts per bucket; the last one is `+Inf`.
    package var bucketCounts: [UInt64]
    package var exemplars: [Exemplar?]
    package var count: UInt64 = 0
    package var sumSeconds: Double = 0
    package var requestBodyBytes: UInt64 = 0
    package var responseBodyBytes: UInt64 = 0

    package init(key: REDSeriesKey) {
        self.key = key
        self.bucketCounts = Array(repeating: 0, count: LatencyBuckets.count)
        self.exemplars = Array(repeating: nil, count: LatencyBuckets.count)
    }

    @inline(__always)
    mutating func record(_ observation: REDObservation) {
        let bucket = LatencyBuckets.index(ofNanoseconds: observation.durationNanoseconds)
        let seconds = Double(observation.durationNanoseconds) / 1e9
        self.bucketCounts[bucket] &+= 1
        self.count &+= 1
        self.sumSeconds += seconds
        self.requestBodyBytes &+= observation.requestBodyBytes
        self.responseBodyBytes &+= observation.responseBodyBytes
        self.exemplars[bucket] = Exemplar(
            traceIDHigh: observation.traceIDHigh,
            traceIDLow: observation.traceIDLow,
            valueSeconds: seconds,
            timestampUnixSeconds: Double(observation.endTimeUnixNano) / 1e9
        )
    }
}
