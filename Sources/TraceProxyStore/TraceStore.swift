import Synchronization
import TraceProxyTraceContext
import TraceProxyTracing

/// The embedded store behind the dashboard: recent spans by trace id, and per-route request,
/// error and latency aggregates per 10 s bucket over the last hour.
///
/// A `SpanProcessor`; the proxy hands it every server span. `onEnd` takes one lock and does O(1)
/// work: a ring-buffer write, one dictionary update, and two HDR histogram records (route and
/// all routes). Once per route per 10 s it also compacts the previous bucket's histogram.
///
/// Memory bound: `maxSpans` × about 0.9 KB for a typical proxied span, estimated as: the ring
/// slot with its inline `FinishedSpan` (~170 B), the attribute array (15 attributes × 40 B + header,
/// 640 B after malloc rounding), out-of-line strings such as the user agent (~64 B) and the
/// trace-id index entry (~32 B). Defaults: about 9 MB of spans. Aggregates add per route (at most
/// `maxRoutes` + 1, plus all routes) one 70 KB live histogram and 360 slots whose digests hold
/// 8 bytes per distinct latency value: about 14 MB at the default bound, usually far less.
package final class TraceStore: SpanProcessor {
    package struct Configuration: Sendable {
        /// Spans kept for the trace list and detail view.
        /// Default: 10 000. Flag: `--store-spans`.
        package var maxSpans: Int
        /// Distinct routes aggregated before new ones are counted under `overflow`.
        /// Default: 200. Environment: none.
        package var maxRoutes: Int

        package static let `default` = Configuration(maxSpans: 10_000, maxRoutes: 200)

        package init(maxSpans: Int, maxRoutes: Int = 200) {
            self.maxSpans = max(1, maxSpans)
            self.maxRoutes = max(1, maxRoutes)
        }
    }

    /// Aggregation interval.
    package static let bucketSeconds = 10
    /// Buckets kept: one hour.
    package static let bucketCount = 360
    /// The windows queries accept, in seconds.
    package static let windows: Set<Int> = [300, 900, 3600]

    struct State {
        var spans: SpanRing
        var routeIndex: [RouteKey: Int] = [:]
        var routes: [RouteAggregates] = []
        var all = RouteAggregates(key: RouteKey(method: "*", route: "*"), bucketCount: TraceStore.bucketCount)
    }

    package let configuration: Configuration
    let clock: @Sendable () -> Double
    let state: Mutex<State>

    /// - Parameter clock: unix seconds now; tests pass a fake.
    package init(configuration: Configuration = .default, clock: @escaping @Sendable () -> Double = TraceStore.wallClock) {
        self.configuration = configuration
        self.clock = clock
        var state = State(spans: SpanRing(capacity: configuration.maxSpans))
        state.routeIndex.reserveCapacity(configuration.maxRoutes + 1)
        state.routes.reserveCapacity(configuration.maxRoutes + 1)
        self.state = Mutex(state)
    }
}
