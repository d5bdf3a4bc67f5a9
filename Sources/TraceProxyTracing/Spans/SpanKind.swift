/// The role of a span in an exchange, as in OpenTelemetry.
package enum SpanKind: UInt8, Sendable, Hashable {
    case `internal` = 1
    case server = 2
    case client = 3
    case producer = 4
    case consumer = 5

    /// Lowercase name, as Jaeger and Datadog tag it.
    package var name: String {
        switch self {
        case .internal: "internal"
        case .server: "server"
        case .client: "client"
        case .producer: "producer"
        case .consumer: "consumer"
        }
    }
}
