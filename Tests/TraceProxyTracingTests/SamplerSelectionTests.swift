import Testing
import TraceProxyTraceContext
import TraceProxyTracing

@Suite struct SamplerSelectionTests {
    @Test(
        arguments: [
            (nil, nil, SamplerSelection.parentBasedAlwaysOn),
            ("", nil, .parentBasedAlwaysOn),
            ("always_on", "0.5", .alwaysOn),
            ("always_off", "junk", .alwaysOff),
            (" ALWAYS_ON ", nil, .alwaysOn),
            ("traceidratio", "0.25", .traceIDRatio(0.25)),
            ("traceidratio", nil, .traceIDRatio(1)),
            ("traceidratio", " ", .traceIDRatio(1)),
            ("traceidratio", "0", .traceIDRatio(0)),
            ("traceidratio", "1", .traceIDRatio(1)),
            ("parentbased_always_on", nil, .parentBasedAlwaysOn),
            ("parentbased_always_off", nil, .parentBasedAlwaysOff),
            ("parentbased_traceidratio", "1e-2", .parentBasedTraceIDRatio(0.01)),
        ] as [(String?, String?, SamplerSelection)])
    func parsesTheVariables(sampler: String?, argument: String?, expected: SamplerSelection) throws {
        #expect(try SamplerSelection(sampler: sampler, argument: argument) == expected)
    }

    @Test func readsTheEnvironmentDictionary() throws {
        let environment = ["OTEL_TRACES_SAMPLER": "parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG": "0.1"]

        #expect(try SamplerSelection(environment: environment) == .parentBasedTraceIDRatio(0.1))
        #expect(try SamplerSelection(environment: [:]) == .parentBasedAlwaysOn)
    }

    @Test(arguments: ["jaeger_remote", "xray", "always-on"])
    func rejectsAnUnknownSamplerNamingTheVariable(name: String) {
        #expect(throws: SamplerConfigurationError.unknownSampler(name)) {
            try SamplerSelection(sampler: name, argument: nil)
        }
        #expect(SamplerConfigurationError.unknownSampler(name).description.hasPrefix("OTEL_TRACES_SAMPLER: "))
    }

    @Test(arguments: ["abc", "-0.1", "1.5", "nan", "inf", "0.5x"])
    func rejectsABadRatioNamingTheArgumentVariable(argument: String) {
        #expect(throws: SamplerConfigurationError.invalidRatio(argument)) {
            try SamplerSelection(sampler: "parentbased_traceidratio", argument: argument)
        }
        #expect(SamplerConfigurationError.invalidRatio(argument).description.hasPrefix("OTEL_TRACES_SAMPLER_ARG: "))
    }

    @Test func theDefaultFollowsParentsAndSamplesNewRoots() {
        let sampler = SamplerSelection.default.makeSampler()

        #expect(sampler.shouldSample(traceID: SpanContext.traceID128, parent: nil) == .recordAndSample)
        #expect(sampler.shouldSample(traceID: SpanContext.traceID128, parent: .stub(sampled: false)) == .drop)
    }

    @Test func theRateLimitAppliesToNewRootsOnly() {
        let sampler = SamplerSelection.parentBasedAlwaysOn.makeSampler(maxTracesPerSecond: 1, clock: ManualClock())

        let roots = (0..<3).map { _ in sampler.shouldSample(traceID: SpanContext.traceID128, parent: nil) }
        let child = sampler.shouldSample(traceID: SpanContext.traceID128, parent: .stub(sampled: true))

        #expect(roots == [.recordAndSample, .drop, .drop])
        #expect(child == .recordAndSample)
    }

    @Test func aNonParentBasedSamplerIsLimitedWhole() {
        let sampler = SamplerSelection.alwaysOn.makeSampler(maxTracesPerSecond: 1, clock: ManualClock())

        let decisions = (0..<2).map { _ in
            sampler.shouldSample(traceID: SpanContext.traceID128, parent: .stub(sampled: true))
        }

        #expect(decisions == [.recordAndSample, .drop])
    }

    @Test(
        arguments: [
            (SamplerSelection.alwaysOff, nil, SamplingDecision.drop, SamplingDecision.drop),
            (.parentBasedAlwaysOff, nil, .drop, .recordAndSample),
            (.traceIDRatio(0), nil, .drop, .drop),
            (.parentBasedTraceIDRatio(0), 5, .drop, .recordAndSample),
        ] as [(SamplerSelection, Double?, SamplingDecision, SamplingDecision)])
    func buildsTheNamedSampler(
        selection: SamplerSelection,
        limit: Double?,
        root: SamplingDecision,
        sampledParent: SamplingDecision
    ) {
        let sampler = selection.makeSampler(maxTracesPerSecond: limit, clock: ManualClock())

        #expect(sampler.shouldSample(traceID: SpanContext.traceID128, parent: nil) == root)
        #expect(sampler.shouldSample(traceID: SpanContext.traceID128, parent: .stub(sampled: true)) == sampledParent)
    }
}
