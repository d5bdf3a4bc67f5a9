/// Counts requests between their head arriving and their span ending (the metrics' in-flight gauge).
package protocol InFlightGauge: Sendable {
    func requestStarted()
    func requestFinished()
}

/// Counts nothing.
package struct NoInFlightGauge: InFlightGauge {
    package init() {}
    package func requestStarted() {}
    package func requestFinished() {}
}
