/// One entry of `OTEL_PROPAGATORS`.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/#general-sdk-configuration
package enum PropagatorName: String, CaseIterable, Hashable, Sendable {
    case tracecontext
    case baggage
    case b3
    case b3multi
    case jaeger
    case datadog
    case none

    /// The environment variable this list comes from.
    package static let environmentVariable = "OTEL_PROPAGATORS"

    /// Used when the variable is unset or blank.
    package static let defaultList: [PropagatorName] = [.tracecontext, .baggage]

    /// Parses a comma-separated list: names are trimmed, matched case-insensitively and deduplicated
    /// in order. Unset or blank gives `defaultList`; `none` contributes nothing, so `none` alone
    /// disables propagation.
    package static func parseList(_ value: String?) throws(PropagatorConfigurationError) -> [PropagatorName] {
        guard let value, value.contains(where: { !$0.isWhitespace && $0 != "," }) else { return Self.defaultList }
        var result: [PropagatorName] = []
        for item in value.split(separator: ",") {
            let trimmed = item.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
            let text = String(trimmed).lowercased()
            if text.isEmpty { continue }
            guard let name = PropagatorName(rawValue: text) else { throw .unknownPropagator(String(trimmed)) }
            if name != .none, !result.contains(name) { result.append(name) }
        }
        return result
    }

    /// The propagator for this name; `baggage` and `none` read and write nothing.
    package func makePropagator() -> any Propagator {
        switch self {
        case .tracecontext: W3CPropagator()
        case .b3: B3SinglePropagator()
        case .b3multi: B3MultiPropagator()
        case .jaeger: JaegerPropagator()
        case .datadog: DatadogPropagator()
        case .baggage, .none: NoOpPropagator()
        }
    }
}
