import TraceProxyTraceContext

/// A hex prefix of a trace id, compared as masked integers so scanning the store allocates nothing.
struct TraceIDPrefix: Sendable {
    private var high: UInt64 = 0
    private var low: UInt64 = 0
    private var highMask: UInt64 = 0
    private var lowMask: UInt64 = 0

    /// Nil unless 1 to 32 hex digits (either case).
    init?(_ text: String) {
        let digits = Array(text.utf8)
        guard !digits.isEmpty, digits.count <= 32 else { return nil }
        for (position, digit) in digits.enumerated() {
            let nibble: UInt64
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = UInt64(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = UInt64(digit - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = UInt64(digit - UInt8(ascii: "A") + 10)
            default: return nil
            }
            let shift = UInt64(60 - 4 * (position % 16))
            if position < 16 {
                self.high |= nibble << shift
                self.highMask |= 0xF << shift
            } else {
                self.low |= nibble << shift
                self.lowMask |= 0xF << shift
            }
        }
    }

    func matches(_ id: TraceID) -> Bool {
        id.high & self.highMask == self.high && id.low & self.lowMask == self.low
    }
}
