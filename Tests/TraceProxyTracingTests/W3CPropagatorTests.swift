import Testing
import TraceProxyTraceContext
import TraceProxyTracing

@Suite struct W3CPropagatorTests {
    let propagator = W3CPropagator()
    static let traceparent = "00-12345678901234567890123456789012-1234567890123456-01"

    @Test func extractsARemoteSampledParent() throws {
        let headers = HeaderList.headers(("traceparent", Self.traceparent))

        let context = try #require(self.propagator.extract(from: headers))

        #expect(context.traceID.hexString == "12345678901234567890123456789012")
        #expect(context.spanID.hexString == "1234567890123456")
        #expect(context.isSampled)
        #expect(context.isRemote)
        #expect(context.traceState.isEmpty)
        #expect(context.datadog == .none)
    }

    @Test(arguments: ["TraceParent", "TrAcEpArEnT", "TRACEPARENT"])
    func matchesTheHeaderNameCaseInsensitively(name: String) {
        #expect(self.propagator.extract(from: HeaderList.headers((name, Self.traceparent))) != nil)
    }

    @Test(arguments: ["trace-parent", "trace.parent"])
    func ignoresOtherHeaderNames(name: String) {
        #expect(self.propagator.extract(from: HeaderList.headers((name, Self.traceparent))) == nil)
    }

    @Test func duplicatedTraceparentLinesRestartTheTrace() {
        let headers = HeaderList.headers(
            ("traceparent", "00-12345678901234567890123456789011-1234567890123456-01"),
            ("traceparent", "00-12345678901234567890123456789012-1234567890123456-01")
        )

        #expect(self.propagator.extract(from: headers) == nil)
    }

    @Test func tracestateWithoutAValidTraceparentIsIgnored() {
        #expect(self.propagator.extract(from: HeaderList.headers(("tracestate", "foo=1"))) == nil)
        let invalidParent = HeaderList.headers(
            ("traceparent", "00-00000000000000000000000000000000-1234567890123456-01"),
            ("tracestate", "foo=1")
        )
        #expect(self.propagator.extract(from: invalidParent) == nil)
    }

    @Test func combinesTracestateLines() throws {
        let headers = HeaderList.headers(
            ("traceparent", Self.traceparent), ("tracestate", "foo=1,bar=2"), ("TraceState", "baz=3")
        )

        let context = try #require(self.propagator.extract(from: headers))

        #expect(context.traceState.headerValue == "foo=1,bar=2,baz=3")
    }

    /// Regression (W3C suite, test_tracestate_duplicated_keys): a repeated key is not an invalid list.
    @Test func aDuplicatedTracestateKeyKeepsTheFirstMember() throws {
        let headers = HeaderList.headers(
            ("traceparent", Self.traceparent), ("tracestate", "foo=1,bar=2"), ("tracestate", "foo=3")
        )

        let context = try #require(self.propagator.extract(from: headers))

        #expect(context.traceState.headerValue == "foo=1,bar=2")
    }

    @Test func anInvalidTracestateIsDroppedButTheParentKept() throws {
        let headers = HeaderList.headers(("traceparent", Self.traceparent), ("tracestate", "foo=1,FOO=2"))

        let context = try #require(self.propagator.extract(from: headers))

        #expect(context.traceState.isEmpty)
        #expect(context.traceID.hexString == "12345678901234567890123456789012")
    }

    @Test(arguments: [("00", 0x00 as UInt8), ("01", 0x01), ("02", 0x02), ("03", 0x03), ("ff", 0x03), ("fc", 0x00)])
    func keepsOnlyTheSampledAndRandomFlags(flags: String, expected: UInt8) throws {
        let headers = HeaderList.headers(
            ("traceparent", "00-12345678901234567890123456789012-1234567890123456-" + flags))

        let context = try #require(self.propagator.extract(from: headers))

        #expect(context.flags.rawValue == expected)
    }

    @Test func injectReplacesTraceparentAndTracestate() throws {
        var headers = HeaderList.headers(
            ("Host", "h"), ("traceparent", "garbage"), ("traceparent", "more"), ("tracestate", "stale=1")
        )
        var context = SpanContext.stub(sampled: true)
        context.flags.insert(.random)
        context.traceState = try #require(TraceState(headerValue: "foo=1,bar=2"))

        self.propagator.inject(context, into: &headers)

        #expect(
            headers.lines == [
                "Host: h",
                "traceparent: 00-463ac35c9f6413ad48485a3953bb6124-00f067aa0ba902b7-03",
                "tracestate: foo=1,bar=2",
            ])
    }

    @Test func injectRemovesAStaleTracestateWhenTheContextHasNone() {
        var headers = HeaderList.headers(("tracestate", "stale=1"))

        self.propagator.inject(.stub(sampled: false), into: &headers)

        #expect(headers.lines == ["traceparent: 00-463ac35c9f6413ad48485a3953bb6124-00f067aa0ba902b7-00"])
    }

    @Test func injectClearsUnknownFlagBits() {
        var headers = HeaderList()
        var context = SpanContext.stub()
        context.flags = TraceFlags(rawValue: 0xff)

        self.propagator.inject(context, into: &headers)

        #expect(headers.firstValue(forName: "traceparent")?.hasSuffix("-03") == true)
    }

    @Test func fieldsNameBothHeaders() {
        #expect(self.propagator.fields == ["traceparent", "tracestate"])
    }
}
