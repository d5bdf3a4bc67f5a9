import TraceProxyTraceContext

/// Field rules shared by the single- and multi-header B3 propagators.
///
/// Spec: https://github.com/openzipkin/b3-propagation
enum B3Format {
    /// "The TraceId is 64 or 128-bit in length": 16 or 32 lowercase hex; 64-bit ids are left-padded.
    static func traceID(_ text: Substring) -> TraceID? {
        let count = text.utf8.count
        guard count == 16 || count == 32 else { return nil }
        return TraceID(variableLengthHex: text)
    }

    /// "The SpanId is 64-bit in length": exactly 16 lowercase hex.
    static func spanID(_ text: Substring) -> SpanID? {
        guard text.utf8.count == 16 else { return nil }
        return SpanID(variableLengthHex: text)
    }

    /// The sampling state: `1` accept, `d` debug (implies accept), `0` deny; nil when not one of them.
    static func isSampled(singleHeaderFlag text: Substring) -> Bool? {
        switch text {
        case "1", "d": true
        case "0": false
        default: nil
        }
    }

    /// `X-B3-Sampled`: `1`/`0`, and the legacy `true`/`false` some old clients send.
    static func isSampled(multiHeaderValue text: Substring) -> Bool? {
        switch text {
        case "1", "true": true
        case "0", "false": false
        default: nil
        }
    }

    static func flags(sampled: Bool) -> TraceFlags {
        sampled ? .sampled : []
    }
}
