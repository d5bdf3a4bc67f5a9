/// Why `OTEL_PROPAGATORS` was refused at start-up.
package struct PropagatorConfigurationError: Error, Hashable, CustomStringConvertible {
    private enum Code: Hashable {
        case unknownPropagator
    }

    private let code: Code
    /// The offending value.
    package let value: String

    private init(code: Code, value: String) {
        self.code = code
        self.value = value
    }

    /// A name that is not one of `PropagatorName`'s.
    package static func unknownPropagator(_ name: String) -> Self { Self(code: .unknownPropagator, value: name) }

    package var description: String {
        switch self.code {
        case .unknownPropagator:
            let known = PropagatorName.allCases.map(\.rawValue).joined(separator: ", ")
            return "\(PropagatorName.environmentVariable): unknown propagator \"\(self.value)\" (known: \(known))."
        }
    }
}
