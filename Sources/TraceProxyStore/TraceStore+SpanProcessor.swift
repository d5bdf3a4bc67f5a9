import Synchronization
import TraceProxyTracing

// MARK: - SpanProcessor

extension TraceStore {
    package func onEnd(_ span: FinishedSpan) {
        let (key, statusCode, isError) = RouteKey.classify(span)
        let microseconds = span.durationNanoseconds / 1000
        let maxRoutes = self.configuration.maxRoutes
        let isServer = span.kind == .server
        self.state.withLock { state in
            // The clock is read under the lock so buckets only move forward between records.
            let bucket = Self.bucket(at: self.clock())
            let route = Self.routeIndex(for: key, in: &state, maxRoutes: maxRoutes)
            // One request counts once: its client span is kept for the trace view only.
            if isServer {
                state.routes[route].record(bucket: bucket, microseconds: microseconds, isError: isError)
                state.all.record(bucket: bucket, microseconds: microseconds, isError: isError)
            }
            state.spans.append(span, route: route, statusCode: statusCode, isError: isError)
        }
    }

    package func shutdown(deadline: ContinuousClock.Instant) async {}

    static func bucket(at unixSeconds: Double) -> Int {
        Int((unixSeconds / Double(Self.bucketSeconds)).rounded(.down))
    }

    /// The route's aggregates, created while there is room; then the shared `overflow` route.
    private static func routeIndex(for key: RouteKey, in state: inout State, maxRoutes: Int) -> Int {
        if let index = state.routeIndex[key] { return index }
        let target = state.routes.count < maxRoutes ? key : RouteKey.overflow
        if let index = state.routeIndex[target] { return index }
        state.routes.append(RouteAggregates(key: target, bucketCount: Self.bucketCount))
        state.routeIndex[target] = state.routes.count - 1
        return state.routes.count - 1
    }
}
