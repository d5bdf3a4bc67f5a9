/// Whether a new span is recorded and exported.
///
/// OpenTelemetry's record-only outcome is not offered: the proxy records RED metrics for every
/// request anyway, so a span is either exported or not made at all.
package enum SamplingDecision: Hashable, Sendable {
    /// No span is exported; the outgoing context carries the sampled flag cleared.
    case drop
    /// The span is recorded and exported; the outgoing context carries the sampled flag set.
    case recordAndSample

    package var isSampled: Bool { self == .recordAndSample }
}
