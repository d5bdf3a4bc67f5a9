/// A 128-bit W3C trace id. All-zero is invalid and never produced by `parse`.
///
/// Stored as two integers so it is cheap to copy, compare and split for backends that
/// carry 64-bit halves (Jaeger, Datadog).
package struct TraceID: Hashable, Sendable {
    /// The first 16 hex characters of the W3C form.
    package var high: UInt64
    /// The last 16 hex characters of the W3C form.
    package var low: UInt64

    package init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    package var isValid: Bool { self.high != 0 || self.low != 0 }

    /// 32 lowercase hex characters.
    package var hexString: String { Hex.string(self.high, self.low) }

    /// Parses exactly 32 lowercase hex characters; nil otherwise or when all zero.
    package init?<S: StringProtocol>(hex: S) {
        var utf8 = Array(hex.utf8)
        guard utf8.count == 32,
            let high = Hex.parseUInt64(utf8[0..<16]),
            let low = Hex.parseUInt64(utf8[16..<32])
        else { return nil }
        utf8.removeAll()
        guard high != 0 || low != 0 else { return nil }
        self.init(high: high, low: low)
    }

    /// The 16 bytes in network order (as OTLP and Zipkin proto carry them).
    package var bytes: [UInt8] { Hex.bigEndianBytes(self.high) + Hex.bigEndianBytes(self.low) }
}

extension TraceID: CustomStringConvertible {
    package var description: String { self.hexString }
}
