import TraceProxyTraceContext

/// The same decision for every span: `always_on` and `always_off`.
package struct ConstantSampler: Sampler {
    package let decision: SamplingDecision

    package init(_ decision: SamplingDecision) {
        self.decision = decision
    }

    /// `always_on`.
    package static let alwaysOn = ConstantSampler(.recordAndSample)
    /// `always_off`.
    package static let alwaysOff = ConstantSampler(.drop)

    package func shouldSample(traceID: TraceID, parent: SpanContext?) -> SamplingDecision {
        self.decision
    }
}
