/// The outcome of a span, as in OpenTelemetry: unset unless something failed.
package enum SpanStatus: Sendable, Hashable {
    case unset
    case ok
    case error(message: String)

    package var isError: Bool {
        if case .error = self { return true }
        return false
    }
}
