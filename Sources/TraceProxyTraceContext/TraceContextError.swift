/// Why a trace-context value was refused when building one in code (parsing returns nil instead).
package struct TraceContextError: Error, Hashable, CustomStringConvertible {
    private enum Code: Hashable {
        case invalidTraceStateKey
        case invalidTraceStateValue
    }

    private let code: Code
    /// The offending text, for logs.
    package let detail: String

    private init(code: Code, detail: String) {
        self.code = code
        self.detail = detail
    }

    /// The key does not match the `tracestate` key grammar.
    package static func invalidTraceStateKey(_ key: String) -> Self { Self(code: .invalidTraceStateKey, detail: key) }
    /// The value does not match the `tracestate` value grammar.
    package static func invalidTraceStateValue(_ value: String) -> Self {
        Self(code: .invalidTraceStateValue, detail: value)
    }

    package var description: String {
        switch self.code {
        case .invalidTraceStateKey: "Invalid tracestate key \"\(self.detail)\"."
        case .invalidTraceStateValue: "Invalid tracestate value \"\(self.detail)\"."
        }
    }
}
