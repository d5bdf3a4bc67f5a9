extension TraceID {
    /// Parses 1 to 32 lowercase hex digits, left-padded with zeros, as B3 (64- or 128-bit) and Jaeger
    /// (not zero-padded) send them. Nil when empty, too long, not lowercase hex, or all zero.
    package init?<S: StringProtocol>(variableLengthHex hex: S) {
        let utf8 = Substring(hex).utf8
        let count = utf8.count
        guard count >= 1, count <= 32 else { return nil }
        let split = utf8.index(utf8.endIndex, offsetBy: -min(count, 16))
        let high: UInt64
        if split == utf8.startIndex {
            high = 0
        } else {
            guard let value = Hex.parseUInt64(utf8[..<split]) else { return nil }
            high = value
        }
        guard let low = Hex.parseUInt64(utf8[split...]), high != 0 || low != 0 else { return nil }
        self.init(high: high, low: low)
    }
}
