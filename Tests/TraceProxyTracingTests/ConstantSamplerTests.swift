import Testing
import TraceProxyTraceContext
import TraceProxyTracing

@Suite struct ConstantSamplerTests {
    @Test(arguments: [nil, SpanContext.stub(sampled: true), SpanContext.stub(sampled: false)])
    func ignoresTheParent(parent: SpanContext?) {
        #expect(
            ConstantSampler.alwaysOn.shouldSample(traceID: SpanContext.traceID128, parent: parent) == .recordAndSample)
        #expect(ConstantSampler.alwaysOff.shouldSample(traceID: SpanContext.traceID128, parent: parent) == .drop)
    }
}
