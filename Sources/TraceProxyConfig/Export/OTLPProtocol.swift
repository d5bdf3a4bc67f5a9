/// How the OTLP exporter sends spans (`OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`, `OTEL_EXPORTER_OTLP_PROTOCOL`).
package enum OTLPProtocol: String, CaseIterable, Sendable {
    case httpProtobuf = "http/protobuf"
    case httpJSON = "http/json"
    case grpc

    /// Whether the signal path `/v1/traces` is appended to `OTEL_EXPORTER_OTLP_ENDPOINT`.
    package var isHTTP: Bool { self != .grpc }
}
