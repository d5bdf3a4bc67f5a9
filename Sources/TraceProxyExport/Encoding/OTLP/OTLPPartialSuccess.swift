import NIOCore
import TraceProxyJSON

/// `ExportTracePartialSuccess` from a 200 answer (WIRE-FORMATS 1.4): the request must not be
/// retried, but `rejectedSpans` were dropped, or `errorMessage` carries a warning.
package struct OTLPPartialSuccess: Sendable, Hashable {
    package var rejectedSpans: Int64
    package var errorMessage: String

    package init(rejectedSpans: Int64, errorMessage: String) {
        self.rejectedSpans = rejectedSpans
        self.errorMessage = errorMessage
    }

    /// Reads `ExportTraceServiceResponse` in binary protobuf; nil when `partial_success` is unset (full success).
    /// An empty body is a full success too.
    package static func decode(protobuf body: ByteBuffer) throws(ProtobufReader.DecodingError) -> Self? {
        var response = ProtobufReader(body)
        var result: Self?
        while let (field, value) = try response.nextField() {
            guard field == 1, case .lengthDelimited(let message) = value else { continue }
            // Repeated occurrences of a message field merge, so later values win field by field.
            var partial = result ?? Self(rejectedSpans: 0, errorMessage: "")
            var reader = ProtobufReader(message)
            while let (innerField, innerValue) = try reader.nextField() {
                switch (innerField, innerValue) {
                case (1, .varint(let raw)): partial.rejectedSpans = Int64(bitPattern: raw)
                case (2, .lengthDelimited(let text)): partial.errorMessage = String(buffer: text)
                default: continue
                }
            }
            result = partial
        }
        return result
    }

    /// Reads `ExportTraceServiceResponse` in OTLP/JSON; nil when `partialSuccess` is absent or null.
    /// `rejectedSpans` may be a number or a decimal string.
    package static func decode(json body: ByteBuffer) throws(JSONReader.ParseError) -> Self? {
        guard body.readableBytesView.contains(where: { !$0.isJSONWhitespace }) else { return nil }
        let response = try JSONReader.parse(body)
        guard let partial = response["partialSuccess"], case .object = partial else { return nil }
        return Self(
            rejectedSpans: partial["rejectedSpans"]?.int64Value ?? 0,
            errorMessage: partial["errorMessage"]?.stringValue ?? ""
        )
    }
}

extension UInt8 {
    fileprivate var isJSONWhitespace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
}
