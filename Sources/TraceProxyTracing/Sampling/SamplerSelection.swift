/// The sampler chosen by `OTEL_TRACES_SAMPLER` and `OTEL_TRACES_SAMPLER_ARG`.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/#general-sdk-configuration
///
/// | `OTEL_TRACES_SAMPLER`        | sampler                                   | `OTEL_TRACES_SAMPLER_ARG`   |
/// | ---------------------------- | ----------------------------------------- | --------------------------- |
/// | `always_on`                  | `ConstantSampler.alwaysOn`                | ignored                     |
/// | `always_off`                 | `ConstantSampler.alwaysOff`               | ignored                     |
/// | `traceidratio`               | `TraceIDRatioSampler`                     | ratio 0...1, default 1.0    |
/// | `parentbased_always_on`      | `ParentBasedSampler(root: alwaysOn)`      | ignored; the default        |
/// | `parentbased_always_off`     | `ParentBasedSampler(root: alwaysOff)`     | ignored                     |
/// | `parentbased_traceidratio`   | `ParentBasedSampler(root: TraceIDRatio)`  | ratio 0...1, default 1.0    |
///
/// Unset or blank gives `parentbased_always_on`. Any other name, or a ratio argument that is not a
/// number in 0...1, is an error (the spec allows a warning; the proxy fails at start-up instead).
package enum SamplerSelection: Hashable, Sendable {
    case alwaysOn
    case alwaysOff
    case traceIDRatio(Double)
    case parentBasedAlwaysOn
    case parentBasedAlwaysOff
    case parentBasedTraceIDRatio(Double)

    package static let samplerVariable = "OTEL_TRACES_SAMPLER"
    package static let argumentVariable = "OTEL_TRACES_SAMPLER_ARG"
    package static let `default` = SamplerSelection.parentBasedAlwaysOn

    package static let knownNames = [
        "always_on", "always_off", "traceidratio", "parentbased_always_on", "parentbased_always_off",
        "parentbased_traceidratio",
    ]

    /// Reads both variables from `environment`.
    package init(environment: [String: String]) throws(SamplerConfigurationError) {
        try self.init(sampler: environment[Self.samplerVariable], argument: environment[Self.argumentVariable])
    }

    package init(sampler: String?, argument: String?) throws(SamplerConfigurationError) {
        let name = Self.trimmed(sampler ?? "").lowercased()
        switch name {
        case "": self = .default
        case "always_on": self = .alwaysOn
        case "always_off": self = .alwaysOff
        case "traceidratio": self = .traceIDRatio(try Self.ratio(argument))
        case "parentbased_always_on": self = .parentBasedAlwaysOn
        case "parentbased_always_off": self = .parentBasedAlwaysOff
        case "parentbased_traceidratio": self = .parentBasedTraceIDRatio(try Self.ratio(argument))
        default: throw .unknownSampler(Self.trimmed(sampler ?? ""))
        }
    }

    /// Builds the sampler. With `maxTracesPerSecond`, the sampler for new traces is wrapped in a
    /// `RateLimitingSampler` (for the non-parent-based choices every trace counts as new).
    package func makeSampler<C: Clock<Duration>>(maxTracesPerSecond: Double?, clock: C) -> any Sampler {
        func limited(_ sampler: any Sampler) -> any Sampler {
            guard let maxTracesPerSecond else { return sampler }
            return RateLimitingSampler(base: sampler, tracesPerSecond: maxTracesPerSecond, clock: clock)
        }
        return switch self {
        case .alwaysOn: limited(ConstantSampler.alwaysOn)
        case .alwaysOff: ConstantSampler.alwaysOff
        case .traceIDRatio(let ratio): limited(TraceIDRatioSampler(ratio: ratio))
        case .parentBasedAlwaysOn: ParentBasedSampler(root: limited(ConstantSampler.alwaysOn))
        case .parentBasedAlwaysOff: ParentBasedSampler(root: ConstantSampler.alwaysOff)
        case .parentBasedTraceIDRatio(let ratio): ParentBasedSampler(root: limited(TraceIDRatioSampler(ratio: ratio)))
        }
    }

    /// `makeSampler(maxTracesPerSecond:clock:)` on the continuous clock.
    package func makeSampler(maxTracesPerSecond: Double? = nil) -> any Sampler {
        self.makeSampler(maxTracesPerSecond: maxTracesPerSecond, clock: ContinuousClock())
    }

    private static func ratio(_ argument: String?) throws(SamplerConfigurationError) -> Double {
        let text = Self.trimmed(argument ?? "")
        // "If OTEL_TRACES_SAMPLER_ARG is not set, the default value is 1.0" for ratio samplers.
        if text.isEmpty { return 1 }
        guard let value = Double(text), value.isFinite, value >= 0, value <= 1 else { throw .invalidRatio(text) }
        return value
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
