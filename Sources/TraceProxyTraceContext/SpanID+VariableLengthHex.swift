extension SpanID {
    /// Parses 1 to 16 lowercase hex digits, left-padded with zeros, as Jaeger sends them.
    /// Nil when empty, too long, not lowercase hex, or zero.
    package init?<S: StringProtocol>(variableLengthHex hex: S) {
        guard let value = Hex.parseUInt64(Substring(hex).utf8), value != 0 else { return nil }
        self.init(value)
    }
}
