/// Whether request bodies are compressed (`OTEL_EXPORTER_OTLP_COMPRESSION`).
package enum ExportCompression: Sendable, Hashable {
    case none
    /// Sent with `Content-Encoding: gzip`.
    case gzip
}
