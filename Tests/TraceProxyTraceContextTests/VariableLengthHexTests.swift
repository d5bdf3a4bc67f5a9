import Testing
import TraceProxyTraceContext

@Suite struct VariableLengthHexTests {
    @Test(arguments: [
        ("1", TraceID(high: 0, low: 1)),
        ("463ac35c9f6413ad", TraceID(high: 0, low: 0x463a_c35c_9f64_13ad)),
        ("1463ac35c9f6413ad", TraceID(high: 1, low: 0x463a_c35c_9f64_13ad)),
        ("463ac35c9f6413ad48485a3953bb6124", TraceID(high: 0x463a_c35c_9f64_13ad, low: 0x4848_5a39_53bb_6124)),
    ])
    func parsesTraceIDsOfAnyLength(text: String, expected: TraceID) {
        #expect(TraceID(variableLengthHex: text) == expected)
    }

    @Test(arguments: ["", "0", "00000000000000000000000000000000", "463ac35c9f6413ad48485a3953bb61241", "ABC", "12-4"])
    func rejectsInvalidTraceIDs(text: String) {
        #expect(TraceID(variableLengthHex: text) == nil)
    }

    @Test(arguments: [("1", 1 as UInt64), ("00f067aa0ba902b7", 0x00f0_67aa_0ba9_02b7), ("ffffffffffffffff", .max)])
    func parsesSpanIDsOfAnyLength(text: String, expected: UInt64) {
        #expect(SpanID(variableLengthHex: text) == SpanID(expected))
    }

    @Test(arguments: ["", "0", "0000000000000000", "00f067aa0ba902b71", "F", "x"])
    func rejectsInvalidSpanIDs(text: String) {
        #expect(SpanID(variableLengthHex: text) == nil)
    }
}
