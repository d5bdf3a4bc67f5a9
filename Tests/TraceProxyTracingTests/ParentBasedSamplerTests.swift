import Testing
import TraceProxyTraceContext
import TraceProxyTracing

/// Row by row against the table in `ParentBasedSampler`'s documentation.
@Suite struct ParentBasedSamplerTests {
    /// Records which delegate was asked by answering with a distinct decision per role.
    struct Marker: Sampler {
        let decision: SamplingDecision
        func shouldSample(traceID: TraceID, parent: SpanContext?) -> SamplingDecision { self.decision }
    }

    @Test(
        arguments: [
            (nil, SamplingDecision.recordAndSample),
            (SpanContext.stub(sampled: true, isRemote: true), .recordAndSample),
            (SpanContext.stub(sampled: false, isRemote: true), .drop),
            (SpanContext.stub(sampled: true, isRemote: false), .recordAndSample),
            (SpanContext.stub(sampled: false, isRemote: false), .drop),
        ] as [(SpanContext?, SamplingDecision)])
    func defaultsFollowTheParentAndAskRootForNewTraces(parent: SpanContext?, expected: SamplingDecision) {
        let sampler = ParentBasedSampler(root: ConstantSampler.alwaysOn)

        #expect(sampler.shouldSample(traceID: SpanContext.traceID128, parent: parent) == expected)
    }

    @Test func aRootOfAlwaysOffDropsNewTracesButFollowsSampledParents() {
        let sampler = ParentBasedSampler(root: ConstantSampler.alwaysOff)

        #expect(sampler.shouldSample(traceID: SpanContext.traceID128, parent: nil) == .drop)
        #expect(sampler.shouldSample(traceID: SpanContext.traceID128, parent: .stub(sampled: true)) == .recordAndSample)
    }

    /// Each row routes to exactly one delegate: it alone is inverted from the default.
    @Test(arguments: [
        (true, true, 0), (true, false, 1), (false, true, 2), (false, false, 3),
    ])
    func eachRowUsesItsDelegate(isRemote: Bool, sampled: Bool, row: Int) {
        let inverted = [
            Marker(decision: .drop), Marker(decision: .recordAndSample),
            Marker(decision: .drop), Marker(decision: .recordAndSample),
        ]
        let sampler = ParentBasedSampler(
            root: ConstantSampler.alwaysOff,
            remoteParentSampled: row == 0 ? inverted[0] : ConstantSampler.alwaysOn,
            remoteParentNotSampled: row == 1 ? inverted[1] : ConstantSampler.alwaysOff,
            localParentSampled: row == 2 ? inverted[2] : ConstantSampler.alwaysOn,
            localParentNotSampled: row == 3 ? inverted[3] : ConstantSampler.alwaysOff
        )
        let parent = SpanContext.stub(sampled: sampled, isRemote: isRemote)

        #expect(sampler.shouldSample(traceID: parent.traceID, parent: parent) == inverted[row].decision)
    }
}
