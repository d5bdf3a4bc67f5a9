import Testing
import TraceProxyTraceContext
import TraceProxyTracing

@Suite struct DatadogPropagatorTests {
    let propagator = DatadogPropagator()

    @Test func extractsA128BitContextWithOriginAndTags() throws {
        let headers = HeaderList.headers(
            ("x-datadog-trace-id", "5208512171318403364"),
            ("x-datadog-parent-id", "67667974448284343"),
            ("x-datadog-sampling-priority", "2"),
            ("x-datadog-origin", "synthetics"),
            ("x-datadog-tags", "_dd.p.dm=-4,_dd.p.tid=463ac35c9f6413ad,_dd.p.usr.id=baz64,other=x")
        )

        let context = try #require(self.propagator.extract(from: headers))

        #expect(context.traceID == SpanContext.traceID128)
        #expect(context.spanID == SpanID(67_667_974_448_284_343))
        #expect(context.isSampled)
        #expect(context.isRemote)
        #expect(context.datadog.samplingPriority == 2)
        #expect(context.datadog.origin == "synthetics")
        #expect(
            context.datadog.tags == [.init(key: "_dd.p.dm", value: "-4"), .init(key: "_dd.p.usr.id", value: "baz64")])
    }

    @Test(
        arguments: [
            ("2", true), ("1", true), ("0", false), ("-1", false), (nil, false), ("x", false),
        ] as [(String?, Bool)])
    func samplesWhenPriorityIsPositive(priority: String?, sampled: Bool) throws {
        var headers = HeaderList.headers(("x-datadog-trace-id", "1"), ("x-datadog-parent-id", "2"))
        if let priority { headers.fields.append((name: "x-datadog-sampling-priority", value: priority)) }

        let context = try #require(self.propagator.extract(from: headers))

        #expect(context.isSampled == sampled)
        #expect(context.traceID == TraceID(high: 0, low: 1))
    }

    @Test(arguments: ["_dd.p.tid=463AC35C9F6413AD", "_dd.p.tid=463ac35c9f6413a", "_dd.p.tid=xyz", "_dd.p.tid="])
    func ignoresAMalformedTid(tags: String) throws {
        let headers = HeaderList.headers(
            ("x-datadog-trace-id", "5"), ("x-datadog-parent-id", "6"), ("x-datadog-tags", tags))

        let context = try #require(self.propagator.extract(from: headers))

        #expect(context.traceID == TraceID(high: 0, low: 5))
    }

    @Test func ignoresTagsLongerThan512Bytes() throws {
        let tags = "_dd.p.tid=463ac35c9f6413ad,_dd.p.big=" + String(repeating: "x", count: 500)
        let headers = HeaderList.headers(
            ("x-datadog-trace-id", "5"), ("x-datadog-parent-id", "6"), ("x-datadog-tags", tags))

        let context = try #require(self.propagator.extract(from: headers))

        #expect(context.traceID.high == 0)
        #expect(context.datadog.tags.isEmpty)
    }

    @Test(arguments: [
        ("", "2"), ("0", "2"), ("1", "0"), ("1", ""), ("-1", "2"), ("+1", "2"), ("1 ", "2"), ("0x1", "2"),
        ("18446744073709551616", "2"), ("1", "18446744073709551616"),
    ])
    func rejectsInvalidIDs(traceID: String, parentID: String) {
        let headers = HeaderList.headers(("x-datadog-trace-id", traceID), ("x-datadog-parent-id", parentID))

        #expect(self.propagator.extract(from: headers) == nil)
    }

    @Test func rejectsMissingIDs() {
        #expect(self.propagator.extract(from: HeaderList.headers(("x-datadog-trace-id", "1"))) == nil)
        #expect(self.propagator.extract(from: HeaderList.headers(("x-datadog-parent-id", "1"))) == nil)
    }

    @Test func injectWritesDecimalIDsTidAndPassedOnFields() {
        var headers = HeaderList.headers(("x-datadog-tags", "stale"), ("x-datadog-origin", "stale"))
        var context = SpanContext.stub(sampled: true)
        context.datadog = DatadogFields(samplingPriority: 2, origin: "rum", tags: [.init(key: "_dd.p.dm", value: "-4")])

        self.propagator.inject(context, into: &headers)

        #expect(
            headers.lines == [
                "x-datadog-tags: _dd.p.tid=463ac35c9f6413ad,_dd.p.dm=-4",
                "x-datadog-origin: rum",
                "x-datadog-trace-id: 5208512171318403364",
                "x-datadog-parent-id: 67667974448284343",
                "x-datadog-sampling-priority: 2",
            ])
    }

    @Test func injectForA64BitTraceOmitsTagsAndOrigin() {
        var headers = HeaderList.headers(("x-datadog-tags", "stale"), ("x-datadog-origin", "stale"))

        self.propagator.inject(.stub(traceID: SpanContext.traceID64, sampled: false), into: &headers)

        #expect(
            headers.lines == [
                "x-datadog-trace-id: 5208512171318403364",
                "x-datadog-parent-id: 67667974448284343",
                "x-datadog-sampling-priority: 0",
            ])
    }

    @Test(arguments: [
        (2, true, "2"), (1, true, "1"), (0, false, "0"), (-1, false, "-1"),
        // The sampler overrode the received decision: the flag wins.
        (2, false, "0"), (-1, true, "1"), (0, true, "1"),
    ])
    func injectKeepsThePriorityOnlyWhenItAgreesWithTheFlag(received: Int, sampled: Bool, written: String) {
        var headers = HeaderList()
        var context = SpanContext.stub(sampled: sampled)
        context.datadog.samplingPriority = received

        self.propagator.inject(context, into: &headers)

        #expect(headers.firstValue(forName: "x-datadog-sampling-priority") == written)
    }

    @Test(arguments: [SpanContext.traceID64, SpanContext.traceID128, TraceID(high: .max, low: .max)])
    func roundTrips(traceID: TraceID) {
        var headers = HeaderList()
        var context = SpanContext.stub(traceID: traceID, sampled: true)
        context.datadog = DatadogFields(
            samplingPriority: 1, origin: "lambda", tags: [.init(key: "_dd.p.dm", value: "-1")])

        self.propagator.inject(context, into: &headers)

        #expect(self.propagator.extract(from: headers) == context)
    }
}
