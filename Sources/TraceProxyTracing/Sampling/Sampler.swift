import TraceProxyTraceContext

/// Decides whether the span the proxy is about to start is sampled.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/trace/sdk/#sampler
/// Called once per request on an event loop: O(1), no I/O, no waiting.
package protocol Sampler: Sendable {
    /// - Parameters:
    ///   - traceID: the trace the new span belongs to (the parent's, or a new one for a root).
    ///   - parent: the extracted remote parent, or nil for a new root.
    func shouldSample(traceID: TraceID, parent: SpanContext?) -> SamplingDecision
}
