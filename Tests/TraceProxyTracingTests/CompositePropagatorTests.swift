import Testing
import TraceProxyTraceContext
import TraceProxyTracing
import TraceProxyTestSupport

@Suite struct CompositePropagatorTests {
    static let w3cAndB3 = HeaderList.headers(
        ("traceparent", "00-11111111111111111111111111111111-1111111111111111-01"),
        ("b3", "22222222222222222222222222222222-2222222222222222-0")
    )

    @Test func extractsTheFirstValidContextInConfiguredOrder() {
        let w3cFirst = CompositePropagator([W3CPropagator(), B3SinglePropagator()])
        let b3First = CompositePropagator([B3SinglePropagator(), W3CPropagator()])

        #expect(w3cFirst.extract(from: Self.w3cAndB3)?.traceID.hexString == "11111111111111111111111111111111")
        #expect(b3First.extract(from: Self.w3cAndB3)?.traceID.hexString == "22222222222222222222222222222222")
    }

    @Test func fallsThroughAnInvalidFormat() {
        let composite = CompositePropagator([W3CPropagator(), B3SinglePropagator()])
        let headers = HeaderList.headers(
            ("traceparent", "ff-11111111111111111111111111111111-1111111111111111-01"),
            ("b3", "22222222222222222222222222222222-2222222222222222-1")
        )

        #expect(composite.extract(from: headers)?.traceID.hexString == "22222222222222222222222222222222")
    }

    @Test func extractsNothingWhenNoFormatMatches() {
        let composite = CompositePropagator(names: [.tracecontext, .baggage, .b3])

        #expect(composite.extract(from: HeaderList.headers(("baggage", "k=v"))) == nil)
        #expect(CompositePropagator([]).extract(from: Self.w3cAndB3) == nil)
    }

    @Test func injectsEveryFormat() {
        let composite = CompositePropagator(names: [.tracecontext, .baggage, .b3, .b3multi, .jaeger, .datadog])
        var headers = HeaderList.headers(("baggage", "k=v"))

        composite.inject(.stub(sampled: true), into: &headers)

        #expect(
            headers.lines == [
                "baggage: k=v",
                "traceparent: 00-463ac35c9f6413ad48485a3953bb6124-00f067aa0ba902b7-01",
                "b3: 463ac35c9f6413ad48485a3953bb6124-00f067aa0ba902b7-1",
                "x-b3-traceid: 463ac35c9f6413ad48485a3953bb6124",
                "x-b3-spanid: 00f067aa0ba902b7",
                "x-b3-sampled: 1",
                "uber-trace-id: 463ac35c9f6413ad48485a3953bb6124:00f067aa0ba902b7:0:1",
                "x-datadog-trace-id: 5208512171318403364",
                "x-datadog-parent-id: 67667974448284343",
                "x-datadog-sampling-priority: 1",
                "x-datadog-tags: _dd.p.tid=463ac35c9f6413ad",
            ])
    }

    @Test func fieldsAreTheUnionInOrder() {
        let composite = CompositePropagator([W3CPropagator(), NoOpPropagator(), W3CPropagator(), JaegerPropagator()])

        #expect(composite.fields == ["traceparent", "tracestate", "uber-trace-id"])
    }

    /// Every format carries trace id, span id and the sampled flag; render then read gives them back.
    @Test(arguments: PropagatorName.allCases.filter { $0 != .baggage && $0 != .none }, [5 as UInt64, 77])
    func randomContextsRoundTripThroughEveryFormat(name: PropagatorName, seed: UInt64) {
        let propagator = name.makePropagator()
        var random = SplitMix64(seed: seed)
        for _ in 0..<500 {
            var traceID = TraceID(high: random.next() % 3 == 0 ? 0 : random.next(), low: random.next())
            if !traceID.isValid { traceID.low = 1 }
            let context = SpanContext.stub(
                traceID: traceID,
                spanID: SpanID(max(1, random.next() >> (random.next() % 64))),
                sampled: random.next() % 2 == 0
            )
            var headers = HeaderList()

            propagator.inject(context, into: &headers)
            let extracted = propagator.extract(from: headers)

            #expect(extracted?.traceID == context.traceID, "\(name) seed \(seed): \(headers.lines)")
            #expect(extracted?.spanID == context.spanID, "\(name) seed \(seed): \(headers.lines)")
            #expect(extracted?.isSampled == context.isSampled, "\(name) seed \(seed): \(headers.lines)")
        }
    }
}
