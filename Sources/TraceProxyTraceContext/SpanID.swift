/// A 64-bit span id. All-zero is invalid and never produced by `parse`.
package struct SpanID: Hashable, Sendable {
    package var value: UInt64

    package init(_ value: UInt64) {
        self.value = value
    }

    package var isValid: Bool { self.value != 0 }

    /// 16 lowercase hex characters.
    package var hexString: String { Hex.string(self.value) }

    /// Parses exactly 16 lowercase hex characters; nil otherwise or when all zero.
    package init?<S: StringProtocol>(hex: S) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 16, let value = Hex.parseUInt64(utf8[...]), value != 0 else { return nil }
        self.init(value)
    }

    /// The 8 bytes in network order.
    package var bytes: [UInt8] { Hex.bigEndianBytes(self.value) }
}

extension SpanID: CustomStringConvertible {
    package var description: String { self.hexString }
}
