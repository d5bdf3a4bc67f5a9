import TraceProxyTraceContext

/// Jaeger's native header: `uber-trace-id: {trace-id}:{span-id}:{parent-span-id}:{flags}`.
///
/// Spec: https://www.jaegertracing.io/docs/1.x/client-libraries/#propagation-format
///
/// Ids are lowercase hex of up to 32 (trace) or 16 (span) digits, possibly not zero-padded; `:` may
/// arrive URL-encoded as `%3A`. Flags are hex: bit 0 sampled, bit 1 debug (which implies sampled).
/// The deprecated parent-span-id must be hex and is otherwise ignored. `uberctx-*` baggage is not touched.
/// Inject writes `{32-hex trace-id}:{16-hex span-id}:0:{1|0}`.
package struct JaegerPropagator: Propagator {
    package static let uberTraceID = "uber-trace-id"

    package init() {}

    package var fields: [String] { [Self.uberTraceID] }

    package func extract(from carrier: some HeaderCarrier) -> SpanContext? {
        guard var value = carrier.firstValue(forName: Self.uberTraceID) else { return nil }
        if value.utf8.contains(UInt8(ascii: "%")) {
            value = Self.decodingEncodedColons(value)
        }
        let parts = Substring(value).split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 4,
            let traceID = TraceID(variableLengthHex: parts[0]),
            let spanID = SpanID(variableLengthHex: parts[1]),
            Hex.parseUInt64(parts[2].utf8) != nil,
            parts[3].utf8.count <= 2,
            let flags = Hex.parseUInt64(parts[3].utf8)
        else { return nil }
        let sampled = flags & 0b11 != 0
        return SpanContext(traceID: traceID, spanID: spanID, flags: sampled ? .sampled : [], isRemote: true)
    }

    package func inject(_ context: SpanContext, into carrier: inout some MutableHeaderCarrier) {
        let value = context.traceID.hexString + ":" + context.spanID.hexString + (context.isSampled ? ":0:1" : ":0:0")
        carrier.setValue(value, forName: Self.uberTraceID)
    }

    /// Replaces `%3A` / `%3a` by `:`; other escapes cannot occur in a valid value and stay, to fail parsing.
    private static func decodingEncodedColons(_ value: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count)
        var iterator = Array(value.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2, iterator[iterator.startIndex] == UInt8(ascii: "3"),
                iterator[iterator.startIndex + 1] | 0x20 == UInt8(ascii: "a")
            {
                bytes.append(UInt8(ascii: ":"))
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
