import TraceProxyTraceContext
import TraceProxyTracing

/// Samples new traces at the rate the Datadog agent asks for, as Datadog tracers do; everything else
/// is decided by the configured sampler.
///
/// | span | agent has a rate for | decision |
/// | --- | --- | --- |
/// | has a parent | – | `fallback` (the configured sampler, parent-based or not) |
/// | new root | `service:<svc>,env:<env>` | that rate, from the trace id |
/// | new root | only `service:,env:` | that rate, from the trace id |
/// | new root | nothing yet | `fallback` |
///
/// The rate is applied to the trace id's low 64 bits with the Knuth multiplicative hash Datadog tracers use
/// (`low × 1111111111111111111 mod 2^64 < rate × 2^64`), so traceproxy and a Datadog tracer downstream
/// agree on the same trace. The rate path bypasses `--max-traces-per-second`: the agent's rates already
/// target a traces-per-second budget of their own.
package struct DatadogAgentRateSampler: Sampler {
    package static let knuthFactor: UInt64 = 1_111_111_111_111_111_111

    package let rates: DatadogAgentRates
    package let fallback: any Sampler
    /// `service:<svc>,env:<env>`, built once.
    package let key: String

    package init(rates: DatadogAgentRates, service: String, env: String?, fallback: any Sampler) {
        self.rates = rates
        self.fallback = fallback
        self.key = DatadogAgentRates.key(service: service, env: env)
    }

    package func shouldSample(traceID: TraceID, parent: SpanContext?) -> SamplingDecision {
        guard parent == nil, let rate = self.rates.rate(forKey: self.key) else {
            return self.fallback.shouldSample(traceID: traceID, parent: parent)
        }
        return Self.sampled(traceID: traceID, rate: rate) ? .recordAndSample : .drop
    }

    package static func sampled(traceID: TraceID, rate: Double) -> Bool {
        if rate >= 1 { return true }
        if rate <= 0 { return false }
        return traceID.low &* Self.knuthFactor < UInt64(rate * 0x1p64)
    }
}
