import Synchronization
import TraceProxyTracing

/// Rate, errors and duration per (route, method, status code), fed every finished server span.
///
/// `onEnd` takes one short lock: a dictionary lookup on strings the span already holds and a few
/// writes into arrays sized when the series was created. Label cardinality is bounded by
/// `Configuration.maxSeries`; spans beyond it are counted under the route `overflow`.
package final class REDRecorder: SpanProcessor {
    /// Bounds on what the recorder keeps.
    package struct Configuration: Sendable {
        /// Distinct (route, method, status) series before new ones fold into route `overflow`.
        /// Default: 1000. Environment: none (fixed at start-up by the app).
        package var maxSeries: Int
        /// Distinct `error.type` values kept before new ones count as `other`.
        /// Default: 64. Environment: none.
        package var maxErrorTypes: Int

        package static let `default` = Configuration(maxSeries: 1000, maxErrorTypes: 64)

        package init(maxSeries: Int, maxErrorTypes: Int) {
            self.maxSeries = max(1, maxSeries)
            self.maxErrorTypes = max(1, maxErrorTypes)
        }
    }

    struct State {
        var index: [REDSeriesKey: Int] = [:]
        var series: [REDSeries] = []
        var proxyErrors: [String: UInt64] = [:]
        var upstreamFailures: [String: UInt64] = [:]
        var overflowedSpans: UInt64 = 0
    }

    package let configuration: Configuration
    private let state: Mutex<State>
    private let inFlight = Atomic<Int>(0)

    package init(configuration: Configuration = .default) {
        self.configuration = configuration
        var state = State()
        // Overflow series may add a few dozen beyond the bound (see `seriesIndex`).
        state.index.reserveCapacity(configuration.maxSeries + 64)
        state.series.reserveCapacity(configuration.maxSeries + 64)
        self.state = Mutex(state)
    }

    /// A request entered the proxy. Pair with `requestFinished()`.
    package func requestStarted() {
        self.inFlight.add(1, ordering: .relaxed)
    }

    /// A request left the proxy (response written or connection gone).
    package func requestFinished() {
        self.inFlight.subtract(1, ordering: .relaxed)
    }

    package var requestsInFlight: Int { self.inFlight.load(ordering: .relaxed) }

    /// A consistent copy of every series and counter, for rendering.
    package func snapshot() -> REDSnapshot {
        let inFlight = self.requestsInFlight
        return self.state.withLock { state in
            REDSnapshot(
                series: state.series,
                requestsInFlight: inFlight,
                proxyErrors: state.proxyErrors,
                upstreamFailures: state.upstreamFailures,
                overflowedSpans: state.overflowedSpans
            )
        }
    }

    /// The upstream failure kind behind a proxy `error.type`: the proxy names them `upstream_<kind>`.
    static func upstreamFailureKind(ofErrorType errorType: String) -> Substring? {
        errorType.hasPrefix("upstream_") ? errorType.dropFirst("upstream_".count) : nil
    }
}

// MARK: - SpanProcessor

extension REDRecorder {
    package func onEnd(_ span: FinishedSpan) {
        guard span.kind == .server else { return }
        let observation = REDObservation(span: span)
        let maxSeries = self.configuration.maxSeries
        let maxErrorTypes = self.configuration.maxErrorTypes
        self.state.withLock { state in
            let position = Self.seriesIndex(for: observation.key, in: &state, maxSeries: maxSeries)
            state.series[position].record(observation)
            if let errorType = observation.errorType {
                Self.count(errorType, in: &state.proxyErrors, max: maxErrorTypes)
                if let kind = Self.upstreamFailureKind(ofErrorType: errorType) {
                    Self.count(String(kind), in: &state.upstreamFailures, max: maxErrorTypes)
                }
            }
        }
    }

    package func shutdown(deadline: ContinuousClock.Instant) async {}

    /// The series for `key`, created when there is room; otherwise an `overflow` series.
    ///
    /// | series so far            | key known | result                                   |
    /// | ------------------------ | --------- | ---------------------------------------- |
    /// | any                      | yes       | its series                               |
    /// | < maxSeries              | no        | new series                               |
    /// | ≥ maxSeries, < max + 63  | no        | (`overflow`, method, status), new if need |
    /// | ≥ maxSeries + 63         | no        | (`overflow`, `_OTHER`, 0)                |
    private static func seriesIndex(for key: REDSeriesKey, in state: inout State, maxSeries: Int) -> Int {
        if let position = state.index[key] { return position }
        if state.series.count < maxSeries {
            return Self.append(key, to: &state)
        }
        state.overflowedSpans &+= 1
        let overflow = REDSeriesKey(route: REDSeriesKey.overflowRoute, method: key.method, statusCode: key.statusCode)
        if let position = state.index[overflow] { return position }
        if state.series.count < maxSeries + 63 {
            return Self.append(overflow, to: &state)
        }
        let last = REDSeriesKey(route: REDSeriesKey.overflowRoute, method: HTTPMethodLabel.other, statusCode: 0)
        return state.index[last] ?? Self.append(last, to: &state)
    }

    private static func append(_ key: REDSeriesKey, to state: inout State) -> Int {
        state.series.append(REDSeries(key: key))
        state.index[key] = state.series.count - 1
        return state.series.count - 1
    }

    private static func count(_ label: String, in counters: inout [String: UInt64], max: Int) {
        if counters[label] != nil || counters.count < max {
            counters[label, default: 0] &+= 1
        } else {
            counters["other", default: 0] &+= 1
        }
    }
}
