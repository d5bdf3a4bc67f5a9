/// One typed attribute. Keys follow the OpenTelemetry semantic conventions.
package struct SpanAttribute: Sendable, Hashable {
    package enum Value: Sendable, Hashable {
        case string(String)
        case int(Int64)
        case double(Double)
        case bool(Bool)
    }

    package var key: String
    package var value: Value

    package init(_ key: String, _ value: Value) {
        self.key = key
        self.value = value
    }

    package static func string(_ key: String, _ value: String) -> Self { Self(key, .string(value)) }
    package static func int(_ key: String, _ value: Int64) -> Self { Self(key, .int(value)) }
    package static func int(_ key: String, _ value: Int) -> Self { Self(key, .int(Int64(value))) }
    package static func bool(_ key: String, _ value: Bool) -> Self { Self(key, .bool(value)) }
    package static func double(_ key: String, _ value: Double) -> Self { Self(key, .double(value)) }
}

extension SpanAttribute.Value: CustomStringConvertible {
    /// The value as text, for backends whose tags are strings only.
    package var description: String {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .bool(let value): value ? "true" : "false"
        }
    }
}

extension Array where Element == SpanAttribute {
    /// The value of the first attribute with `key`.
    package subscript(key: String) -> SpanAttribute.Value? {
        self.first(where: { $0.key == key })?.value
    }
}
