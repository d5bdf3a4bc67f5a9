/// Why `OTEL_TRACES_SAMPLER` or `OTEL_TRACES_SAMPLER_ARG` was refused at start-up.
package struct SamplerConfigurationError: Error, Hashable, CustomStringConvertible {
    private enum Code: Hashable {
        case unknownSampler
        case invalidRatio
    }

    private let code: Code
    /// The offending value.
    package let value: String

    private init(code: Code, value: String) {
        self.code = code
        self.value = value
    }

    /// `OTEL_TRACES_SAMPLER` names no sampler we have.
    package static func unknownSampler(_ name: String) -> Self { Self(code: .unknownSampler, value: name) }
    /// `OTEL_TRACES_SAMPLER_ARG` is not a number between 0 and 1.
    package static func invalidRatio(_ argument: String) -> Self { Self(code: .invalidRatio, value: argument) }

    package var description: String {
        switch self.code {
        case .unknownSampler:
            let known = SamplerSelection.knownNames.joined(separator: ", ")
            return "\(SamplerSelection.samplerVariable): unknown sampler \"\(self.value)\" (known: \(known))."
        case .invalidRatio:
            return "\(SamplerSelection.argumentVariable): \"\(self.value)\" is not a ratio between 0 and 1."
        }
    }
}
