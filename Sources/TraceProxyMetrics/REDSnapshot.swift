/// A copy of the RED recorder's state at one moment, what the encoder renders.
package struct REDSnapshot: Sendable, Equatable {
    package var series: [REDSeries]
    package var requestsInFlight: Int
    /// Responses the proxy made itself, by `error.type`.
    package var proxyErrors: [String: UInt64]
    /// Failed upstream exchanges by kind (`unreachable`, `timeout`, …).
    package var upstreamFailures: [String: UInt64]
    /// Spans recorded under route `overflow` because the series bound was reached.
    package var overflowedSpans: UInt64

    package init(
        series: [REDSeries] = [],
        requestsInFlight: Int = 0,
        proxyErrors: [String: UInt64] = [:],
        upstreamFailures: [String: UInt64] = [:],
        overflowedSpans: UInt64 = 0
    ) {
        self.series = series
        self.requestsInFlight = requestsInFlight
        self.proxyErrors = proxyErrors
        self.upstreamFailures = upstreamFailures
        self.overflowedSpans = overflowedSpans
    }
}
