import Testing
import TraceProxyTraceContext
import TraceProxyTracing

@Suite struct B3SinglePropagatorTests {
    let propagator = B3SinglePropagator()

    @Test(arguments: [
        ("80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90", true),
        ("80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1", true),
        ("80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-d", true),
        ("80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-0", false),
        ("80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1", false),
    ])
    func extracts128BitContexts(value: String, sampled: Bool) throws {
        let context = try #require(self.propagator.extract(from: HeaderList.headers(("b3", value))))

        #expect(context.traceID == TraceID(high: 0x80f1_98ee_5634_3ba8, low: 0x64fe_8b2a_57d3_eff7))
        #expect(context.spanID == SpanID(0xe457_b5a2_e4d8_6bd1))
        #expect(context.isSampled == sampled)
        #expect(context.isRemote)
    }

    @Test func leftPadsA64BitTraceID() throws {
        let headers = HeaderList.headers(("B3", "64fe8b2a57d3eff7-e457b5a2e4d86bd1-1"))

        let context = try #require(self.propagator.extract(from: headers))

        #expect(context.traceID == TraceID(high: 0, low: 0x64fe_8b2a_57d3_eff7))
        #expect(context.traceID.hexString == "000000000000000064fe8b2a57d3eff7")
    }

    @Test(arguments: [
        // Sampling-only values carry no parent.
        "0", "1", "d",
        "",
        "80f198ee56343ba864fe8b2a57d3eff7",
        "80f198ee56343ba864fe8b2a57d3eff7-",
        "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-2",
        "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-true",
        "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-",
        "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b9",
        "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90-x",
        "80f198ee56343ba864fe8b2a57d3eff-e457b5a2e4d86bd1-1",
        "0f198ee56343ba864fe8b2a57d3eff7a-e457b5a2e4d86bd1-1a",
        "4fe8b2a57d3eff7-e457b5a2e4d86bd1-1",
        "80F198EE56343BA864FE8B2A57D3EFF7-e457b5a2e4d86bd1-1",
        "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd-1",
        "80f198ee56343ba864fe8b2a57d3eff7-0000000000000000-1",
        "00000000000000000000000000000000-e457b5a2e4d86bd1-1",
    ])
    func rejectsInvalidValues(value: String) {
        #expect(self.propagator.extract(from: HeaderList.headers(("b3", value))) == nil)
    }

    @Test(arguments: [(true, "-1"), (false, "-0")])
    func injectsTraceSpanAndSampling(sampled: Bool, suffix: String) {
        var headers = HeaderList.headers(("b3", "stale"))

        self.propagator.inject(.stub(traceID: SpanContext.traceID64, sampled: sampled), into: &headers)

        #expect(headers.lines == ["b3: 000000000000000048485a3953bb6124-00f067aa0ba902b7" + suffix])
    }

    @Test(arguments: [SpanContext.traceID64, SpanContext.traceID128])
    func roundTrips(traceID: TraceID) {
        var headers = HeaderList()
        let context = SpanContext.stub(traceID: traceID, sampled: true)

        self.propagator.inject(context, into: &headers)

        #expect(self.propagator.extract(from: headers) == context)
    }
}
