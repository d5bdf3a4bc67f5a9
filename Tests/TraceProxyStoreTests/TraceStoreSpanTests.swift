import TraceProxyTestSupport
import Testing
import TraceProxyStore
import TraceProxyTraceContext
import TraceProxyTracing

@Suite struct TraceStoreSpanTests {
    private static func id(_ n: UInt64) -> TraceID { TraceID(high: 0xabc0_0000_0000_0000 | n, low: n) }

    @Test func ringKeepsTheNewestSpansAndForgetsEvictedTraces() {
        let store = TraceStore(configuration: .init(maxSpans: 3), clock: ManualUnixClock().reading)

        for n: UInt64 in 1...5 { store.onEnd(.stub(traceID: Self.id(n), spanID: n)) }

        #expect(store.spanCount == 3)
        #expect(store.spans(matching: TraceQuery()).map(\.span.spanID.value) == [5, 4, 3])
        #expect(store.trace(Self.id(1)).isEmpty)
        #expect(store.trace(Self.id(2)).isEmpty)
        #expect(store.trace(Self.id(3)).count == 1)
    }

    @Test func traceLookupReturnsEverySpanOfTheTraceByStartTime() {
        let store = TraceStore(configuration: .init(maxSpans: 4), clock: ManualUnixClock().reading)
        let trace = Self.id(7)

        store.onEnd(.stub(traceID: trace, endUnixSeconds: 1_790_000_003, spanID: 1))
        store.onEnd(.stub(traceID: Self.id(8), spanID: 2))
        store.onEnd(.stub(traceID: trace, endUnixSeconds: 1_790_000_001, spanID: 3))
        store.onEnd(.stub(traceID: trace, endUnixSeconds: 1_790_000_002, spanID: 4))
        #expect(store.trace(trace).map(\.span.spanID.value) == [3, 4, 1])

        // Evicts span 1, the trace's oldest: the rest stay reachable.
        store.onEnd(.stub(traceID: Self.id(9), spanID: 5))
        #expect(store.trace(trace).map(\.span.spanID.value) == [3, 4])
    }

    @Test func filtersCombine() {
        let store = TraceStore(clock: ManualUnixClock().reading)
        store.onEnd(.stub(traceID: Self.id(1), route: "/a", status: 200, durationMilliseconds: 5, spanID: 1))
        store.onEnd(.stub(traceID: Self.id(2), route: "/a", status: 500, durationMilliseconds: 50, spanID: 2))
        store.onEnd(.stub(traceID: Self.id(3), route: "/b", status: 503, durationMilliseconds: 500, spanID: 3))
        store.onEnd(.stub(traceID: Self.id(4), route: "/a", status: 302, durationMilliseconds: 500, spanID: 4))
        store.onEnd(.stub(traceID: Self.id(5), route: "/a", status: 404, durationMilliseconds: 1, spanID: 5))

        func ids(_ query: TraceQuery) -> [UInt64] { store.spans(matching: query).map(\.span.spanID.value) }

        #expect(ids(TraceQuery()) == [5, 4, 3, 2, 1])
        #expect(ids(TraceQuery(route: "GET /a")) == [5, 4, 2, 1])
        #expect(ids(TraceQuery(route: "GET /zzz")) == [])
        #expect(ids(TraceQuery(status: .serverError)) == [3, 2])
        #expect(ids(TraceQuery(status: .error)) == [3, 2])
        #expect(ids(TraceQuery(status: .success)) == [1])
        #expect(ids(TraceQuery(status: .redirect)) == [4])
        #expect(ids(TraceQuery(status: .clientError)) == [5])
        #expect(ids(TraceQuery(minDurationMilliseconds: 50)) == [4, 3, 2])
        #expect(ids(TraceQuery(route: "GET /a", status: .error, minDurationMilliseconds: 10)) == [2])
        #expect(ids(TraceQuery(traceIDPrefix: "abc0000000000003")) == [3])
        #expect(ids(TraceQuery(traceIDPrefix: "ABC")) == [5, 4, 3, 2, 1])
        #expect(ids(TraceQuery(traceIDPrefix: "abd")) == [])
        #expect(ids(TraceQuery(traceIDPrefix: "xyz")) == [])
        #expect(ids(TraceQuery(limit: 2)) == [5, 4])
    }

    @Test func storedSpansCarryTheirLabels() throws {
        let store = TraceStore(clock: ManualUnixClock().reading)

        store.onEnd(.stub(route: "/items/{item_id}", status: 502, errorType: "upstream_unreachable"))
        store.onEnd(.stub(route: nil, status: nil))

        let spans = store.spans(matching: TraceQuery())
        #expect(spans[0].route.displayName == "GET unmatched")
        #expect(spans[0].statusCode == nil)
        #expect(spans[1].route.displayName == "GET /items/{item_id}")
        #expect(spans[1].statusCode == 502)
        #expect(spans[1].isError)
    }
}
