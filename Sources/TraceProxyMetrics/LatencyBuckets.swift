/// The upper bounds of the request-duration histogram, in seconds.
///
/// These are the OpenTelemetry defaults for `http.server.request.duration`
/// (https://opentelemetry.io/docs/specs/semconv/http/http-metrics/#metric-httpserverrequestduration).
package enum LatencyBuckets {
    package static let upperBounds: [Double] = [
        0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
    ]

    /// The bounds in nanoseconds, so the hot path compares integers.
    package static let upperBoundsNanoseconds: [UInt64] = upperBounds.map { UInt64(($0 * 1e9).rounded()) }

    /// Finite bounds plus `+Inf`.
    package static var count: Int { upperBounds.count + 1 }

    /// The index of the first bucket whose bound holds `nanoseconds`; `upperBounds.count` means `+Inf`.
    @inline(__always)
    package static func index(ofNanoseconds nanoseconds: UInt64) -> Int {
        // 14 comparisons at most: a linear scan beats a binary search at this size.
        let bounds = upperBoundsNanoseconds
        for index in 0..<bounds.count where nanoseconds <= bounds[index] {
            return index
        }
        return bounds.count
    }
}
