import Testing
import TraceProxyTraceContext
import TraceProxyTracing

@Suite struct JaegerPropagatorTests {
    let propagator = JaegerPropagator()

    @Test(arguments: [
        (
            "463ac35c9f6413ad48485a3953bb6124:00f067aa0ba902b7:0:1", SpanContext.traceID128,
            0x00f0_67aa_0ba9_02b7 as UInt64, true
        ),
        ("48485a3953bb6124:f067aa0ba902b7:0:0", SpanContext.traceID64, 0x00f0_67aa_0ba9_02b7, false),
        // Not zero-padded, parent id set, debug flag (implies sampled), 2-digit flags.
        ("abc:1:5:2", TraceID(high: 0, low: 0xabc), 1, true),
        ("1463ac35c9f6413ad:1:0:03", TraceID(high: 1, low: 0x463a_c35c_9f64_13ad), 1, true),
        ("abc:1:0:00", TraceID(high: 0, low: 0xabc), 1, false),
        // URL-encoded colons.
        (
            "463ac35c9f6413ad48485a3953bb6124%3A00f067aa0ba902b7%3A0%3A1", SpanContext.traceID128,
            0x00f0_67aa_0ba9_02b7, true
        ),
        ("abc%3a1%3a0%3a1", TraceID(high: 0, low: 0xabc), 1, true),
    ])
    func extracts(value: String, traceID: TraceID, spanID: UInt64, sampled: Bool) throws {
        let context = try #require(self.propagator.extract(from: HeaderList.headers(("Uber-Trace-Id", value))))

        #expect(context.traceID == traceID)
        #expect(context.spanID == SpanID(spanID))
        #expect(context.isSampled == sampled)
        #expect(context.isRemote)
    }

    @Test(arguments: [
        "", "abc", "abc:1:0", "abc:1:0:1:x", "abc:0:0:1", "0:1:0:1", ":1:0:1", "abc::0:1", "abc:1::1", "abc:1:0:",
        "abc:1:0:100", "abc:1:0:x", "ABC:1:0:1", "463ac35c9f6413ad48485a3953bb61241:1:0:1", "abc:10000000000000000:0:1",
        "abc%3A1%3A0%2F1", "abc%3A1%3A0%3", "abc:1:z:1",
    ])
    func rejectsInvalidValues(value: String) {
        #expect(self.propagator.extract(from: HeaderList.headers(("uber-trace-id", value))) == nil)
    }

    @Test(arguments: [(true, ":0:1"), (false, ":0:0")])
    func injectsThePaddedForm(sampled: Bool, suffix: String) {
        var headers = HeaderList.headers(("uber-trace-id", "stale"))

        self.propagator.inject(.stub(traceID: SpanContext.traceID64, sampled: sampled), into: &headers)

        #expect(headers.lines == ["uber-trace-id: 000000000000000048485a3953bb6124:00f067aa0ba902b7" + suffix])
    }

    @Test(arguments: [SpanContext.traceID64, SpanContext.traceID128], [true, false])
    func roundTrips(traceID: TraceID, sampled: Bool) {
        var headers = HeaderList()
        let context = SpanContext.stub(traceID: traceID, sampled: sampled)

        self.propagator.inject(context, into: &headers)

        #expect(self.propagator.extract(from: headers) == context)
    }
}
