import Testing
import TraceProxyTraceContext
import TraceProxyTracing

@Suite struct B3MultiPropagatorTests {
    let propagator = B3MultiPropagator()
    static let trace = "463ac35c9f6413ad48485a3953bb6124"
    static let span = "a2fb4a1d1a96d312"

    static func headers(trace: String = trace, span: String = span, sampled: String? = nil, flags: String? = nil)
        -> HeaderList
    {
        var list = HeaderList.headers(
            ("X-B3-TraceId", trace), ("X-B3-SpanId", span), ("X-B3-ParentSpanId", "0020000000000001"))
        if let sampled { list.fields.append((name: "X-B3-Sampled", value: sampled)) }
        if let flags { list.fields.append((name: "X-B3-Flags", value: flags)) }
        return list
    }

    @Test(
        arguments: [
            (nil, nil, false),
            ("1", nil, true),
            ("0", nil, false),
            ("true", nil, true),
            ("false", nil, false),
            (nil, "1", true),
            ("0", "1", true),
            ("1", "0", true),
        ] as [(String?, String?, Bool)])
    func extractsTheSamplingState(sampled: String?, flags: String?, expected: Bool) throws {
        let context = try #require(self.propagator.extract(from: Self.headers(sampled: sampled, flags: flags)))

        #expect(context.traceID == SpanContext.traceID128)
        #expect(context.spanID == SpanID(0xa2fb_4a1d_1a96_d312))
        #expect(context.isSampled == expected)
        #expect(context.isRemote)
    }

    @Test func leftPadsA64BitTraceID() throws {
        let context = try #require(self.propagator.extract(from: Self.headers(trace: "48485a3953bb6124", sampled: "1")))

        #expect(context.traceID == SpanContext.traceID64)
    }

    @Test(arguments: [
        headers(trace: ""), headers(trace: "48485a3953bb612"), headers(trace: "463ac35c9f6413ad48485a3953bb61245"),
        headers(trace: "463AC35C9F6413AD48485A3953BB6124"), headers(trace: "00000000000000000000000000000000"),
        headers(span: ""), headers(span: "a2fb4a1d1a96d31"), headers(span: "0000000000000000"),
        headers(sampled: "2"), headers(sampled: "yes"),
        HeaderList.headers(("X-B3-TraceId", trace)), HeaderList.headers(("X-B3-SpanId", span)),
    ])
    func rejectsInvalidHeaders(headers: HeaderList) {
        #expect(self.propagator.extract(from: headers) == nil)
    }

    @Test func injectWritesThreeHeadersAndRemovesStaleOnes() {
        var headers = Self.headers(sampled: "1", flags: "1")

        self.propagator.inject(.stub(sampled: false), into: &headers)

        #expect(
            headers.lines == [
                "X-B3-TraceId: 463ac35c9f6413ad48485a3953bb6124",
                "X-B3-SpanId: 00f067aa0ba902b7",
                "X-B3-Sampled: 0",
            ])
    }

    @Test(arguments: [SpanContext.traceID64, SpanContext.traceID128], [true, false])
    func roundTrips(traceID: TraceID, sampled: Bool) {
        var headers = HeaderList()
        let context = SpanContext.stub(traceID: traceID, sampled: sampled)

        self.propagator.inject(context, into: &headers)

        #expect(self.propagator.extract(from: headers) == context)
    }
}
