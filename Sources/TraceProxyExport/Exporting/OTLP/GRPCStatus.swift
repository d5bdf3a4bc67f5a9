/// A gRPC status code from `grpc-status`, and what it means for an OTLP export (WIRE-FORMATS 1.5).
///
/// | code | outcome |
/// | --- | --- |
/// | 0 OK | accepted (partial success possible) |
/// | 1 CANCELLED, 4 DEADLINE_EXCEEDED, 10 ABORTED, 11 OUT_OF_RANGE, 14 UNAVAILABLE, 15 DATA_LOSS | retried |
/// | 8 RESOURCE_EXHAUSTED | retried only when the status carries details (`RetryInfo`) |
/// | anything else | rejected, dropped |
package enum GRPCStatus {
    package static let retryableCodes: Set<Int> = [1, 4, 10, 11, 14, 15]
    package static let resourceExhausted = 8

    /// Nil for OK. `hasDetails`: whether `grpc-status-details-bin` came with the status.
    package static func error(code: Int, message: String, hasDetails: Bool) -> ExportError? {
        if code == 0 { return nil }
        let detail = "grpc-status \(code)" + (message.isEmpty ? "" : ": \(message)")
        if Self.retryableCodes.contains(code) || (code == Self.resourceExhausted && hasDetails) {
            return ExportError(.throttled, detail: detail)
        }
        return ExportError(.rejected, detail: detail)
    }

    /// `grpc-message` is percent-encoded (gRPC over HTTP/2, "Responses").
    package static func decodeMessage(_ text: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
