import TraceProxyTestSupport
import Testing
import TraceProxyStore
import TraceProxyTraceContext
import TraceProxyTracing

@Suite struct TraceStoreAggregateTests {
    /// 1 ms, 2 ms, … 1000 ms: the p-th percentile is p × 10 ms.
    private static func recordOneToAThousandMilliseconds(into store: TraceStore) {
        for millisecond in 1...1000 {
            store.onEnd(.stub(route: "/items/{item_id}", durationMilliseconds: Double(millisecond)))
        }
    }

    private static func expectClose(_ value: Double?, _ expected: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let value else {
            Issue.record("expected \(expected), got nil", sourceLocation: sourceLocation)
            return
        }
        // HDR histograms at 3 significant digits are exact to 0.1 %.
        #expect(abs(value - expected) / expected <= 0.001, "\(value) vs \(expected)", sourceLocation: sourceLocation)
    }

    @Test func percentilesMatchAKnownDistribution() throws {
        let clock = ManualUnixClock()
        let store = TraceStore(clock: clock.reading)

        Self.recordOneToAThousandMilliseconds(into: store)

        let totals = store.overview(windowSeconds: 300).totals
        #expect(totals.requests == 1000)
        let latency = try #require(totals.latency)
        Self.expectClose(latency.p50, 500)
        Self.expectClose(latency.p90, 900)
        Self.expectClose(latency.p95, 950)
        Self.expectClose(latency.p99, 990)
    }

    @Test func sealedBucketsAnswerExactlyAsTheLiveHistogramDid() throws {
        let clock = ManualUnixClock()
        let store = TraceStore(clock: clock.reading)
        Self.recordOneToAThousandMilliseconds(into: store)
        let live = try #require(store.overview(windowSeconds: 300).series.last?.figures.latency)

        clock.advance(seconds: 10)
        store.onEnd(.stub(route: "/items/{item_id}", durationMilliseconds: 7))

        let series = store.overview(windowSeconds: 300).series
        #expect(series[series.count - 2].figures.latency == live)
        #expect(series[series.count - 1].figures.requests == 1)
        Self.expectClose(series[series.count - 1].figures.latency?.p99, 7)
    }

    @Test func windowMergesBucketsAcrossTheWholeWindow() throws {
        let clock = ManualUnixClock()
        let store = TraceStore(clock: clock.reading)

        for millisecond in 1...500 {
            store.onEnd(.stub(durationMilliseconds: Double(millisecond)))
        }
        clock.advance(seconds: 120)
        for millisecond in 501...1000 {
            store.onEnd(.stub(durationMilliseconds: Double(millisecond)))
        }

        let latency = try #require(store.overview(windowSeconds: 300).totals.latency)
        Self.expectClose(latency.p50, 500)
        Self.expectClose(latency.p99, 990)
    }

    @Test func seriesHasOnePointPerBucketOldestFirstIncludingEmptyOnes() {
        let clock = ManualUnixClock(1_790_000_003)
        let store = TraceStore(clock: clock.reading)

        store.onEnd(.stub())

        for window in [300, 900, 3600] {
            let summary = store.overview(windowSeconds: window)
            #expect(summary.series.count == window / 10)
            #expect(summary.series.last?.startUnixSeconds == 1_790_000_000)
            #expect(summary.series.first?.startUnixSeconds == 1_790_000_000 - window + 10)
            #expect(summary.series.filter { $0.figures.requests == 0 }.allSatisfy { $0.figures.latency == nil })
            #expect(summary.series.map(\.figures.requests).reduce(0, +) == 1)
        }
        #expect(store.overview(windowSeconds: 300).nowUnixSeconds == 1_790_000_003)
    }

    @Test func windowsOnlyCountTheirOwnBuckets() {
        let clock = ManualUnixClock()
        let store = TraceStore(clock: clock.reading)
        store.onEnd(.stub())

        clock.advance(seconds: 400)

        #expect(store.overview(windowSeconds: 300).totals.requests == 0)
        #expect(store.overview(windowSeconds: 300).totals.latency == nil)
        #expect(store.overview(windowSeconds: 900).totals.requests == 1)
        #expect(store.overview(windowSeconds: 900).totals.requestsPerSecond == 1.0 / 900)
    }

    @Test func bucketsOlderThanAnHourAreForgotten() {
        let clock = ManualUnixClock()
        let store = TraceStore(clock: clock.reading)
        store.onEnd(.stub(durationMilliseconds: 900))

        // Exactly one hour later the same ring slot comes round again.
        clock.advance(seconds: 3600)
        store.onEnd(.stub(durationMilliseconds: 2))

        let totals = store.overview(windowSeconds: 3600).totals
        #expect(totals.requests == 1)
        #expect((totals.latency?.p99 ?? 0) < 3)
    }

    @Test func errorsAre5xxOrErrorStatusButNot4xx() {
        let store = TraceStore(clock: ManualUnixClock().reading)

        store.onEnd(.stub(status: 200))
        store.onEnd(.stub(status: 404))
        store.onEnd(.stub(status: 503))
        store.onEnd(.stub(status: nil, errorType: "upstream_unreachable"))

        let totals = store.overview(windowSeconds: 300).totals
        #expect(totals.requests == 4)
        #expect(totals.errors == 2)
        #expect(totals.errorRate == 0.5)
    }

    @Test func routesAreListedBusiestFirstWithUnmatchedForSpansWithoutATemplate() {
        let store = TraceStore(clock: ManualUnixClock().reading)

        store.onEnd(.stub(route: "/items/{item_id}"))
        store.onEnd(.stub(route: "/items/{item_id}"))
        store.onEnd(.stub(method: "POST", route: "/items"))
        store.onEnd(.stub(route: nil))
        store.onEnd(.stub(route: nil))
        store.onEnd(.stub(route: nil))

        let routes = store.routes(windowSeconds: 300)
        #expect(routes.map(\.displayName) == ["GET unmatched", "GET /items/{item_id}", "POST /items"])
        #expect(routes.map(\.figures.requests) == [3, 2, 1])
        #expect(routes[1].key.route == "/items/{item_id}" && routes[1].key.method == "GET")
    }

    @Test func routeByDisplayNameOrNilWhenUnknown() {
        let store = TraceStore(clock: ManualUnixClock().reading)
        store.onEnd(.stub(route: "/items/{item_id}", durationMilliseconds: 4))

        #expect(store.route(named: "GET /items/{item_id}", windowSeconds: 300)?.totals.requests == 1)
        #expect(store.route(named: "GET /nope", windowSeconds: 300) == nil)
    }

    @Test func routesBeyondTheBoundShareOverflow() {
        let store = TraceStore(configuration: .init(maxSpans: 100, maxRoutes: 2), clock: ManualUnixClock().reading)

        for index in 0..<5 { store.onEnd(.stub(route: "/r\(index)")) }

        let routes = store.routes(windowSeconds: 300)
        #expect(routes.count == 3)
        #expect(routes.first?.displayName == "_OTHER overflow")
        #expect(routes.first?.figures.requests == 3)
    }

    @Test func aClockSteppingBackCountsIntoTheCurrentBucket() {
        let clock = ManualUnixClock()
        let store = TraceStore(clock: clock.reading)
        store.onEnd(.stub())

        clock.advance(seconds: -30)
        store.onEnd(.stub())
        clock.advance(seconds: 30)

        #expect(store.overview(windowSeconds: 300).series.last?.figures.requests == 2)
    }
}
