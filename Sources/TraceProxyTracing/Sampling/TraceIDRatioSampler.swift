import TraceProxyTraceContext

/// Samples a fixed fraction of traces, deciding from the trace id alone so that every service
/// with the same ratio makes the same decision for the same trace.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/trace/sdk/#traceidratiobased
///
/// The rule is the OpenTelemetry Go SDK's: take the low 64 bits of the trace id (its last 16 hex
/// digits, the part W3C Level 2 makes random), shift right by one, and sample when the result is
/// below `ratio × 2^63`. Ratio 0 never samples, ratio 1 always does, and a trace sampled at ratio r
/// is also sampled at every ratio above r. (The Java SDK uses the absolute value of the signed low
/// half instead, so its decisions differ from this one for some ids.)
package struct TraceIDRatioSampler: Sampler {
    /// The fraction of traces sampled, clamped to 0...1.
    package let ratio: Double
    /// Trace ids whose shifted low half is below this are sampled.
    package let upperBound: UInt64

    package init(ratio: Double) {
        let clamped = ratio.isNaN ? 0 : min(max(ratio, 0), 1)
        self.ratio = clamped
        self.upperBound = clamped >= 1 ? 1 << 63 : UInt64(clamped * 0x1p63)
    }

    package func shouldSample(traceID: TraceID, parent: SpanContext?) -> SamplingDecision {
        traceID.low >> 1 < self.upperBound ? .recordAndSample : .drop
    }
}
