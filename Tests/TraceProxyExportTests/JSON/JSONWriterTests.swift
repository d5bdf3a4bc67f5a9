import NIOCore
import Testing
import TraceProxyExport
import TraceProxyTraceContext
import TraceProxyJSON

@Suite struct JSONWriterTests {
    private func written(_ body: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter()
        body(&writer)
        return String(buffer: writer.buffer)
    }

    @Test func escapesQuotesBackslashesAndControlCharacters() {
        let text = written { $0.writeString("a\"b\\c\nd\re\tf\u{08}g\u{0C}h\u{01}i\u{1F}j") }
        #expect(text == #""a\"b\\c\nd\re\tf\bg\fh\u0001i\u001fj""#)
    }

    @Test func passesNonASCIIThroughAsUTF8() {
        #expect(written { $0.writeString("é🚀/</script>") } == "\"é🚀/</script>\"")
    }

    @Test func everyEscapedStringReadsBackUnchanged() throws {
        let samples = [
            "", "plain", "\u{00}\u{7F}", "quote \" backslash \\ newline \n", "🚀 \u{2028} é",
            String(repeating: "\"", count: 40),
        ]
        for sample in samples {
            let value = try JSONReader.parse(ByteBuffer(string: written { $0.writeString(sample) }))
            #expect(value == .string(sample))
        }
    }

    @Test func writesIntegersAtTheirLimits() {
        #expect(written { $0.writeInt(Int64.min) } == "-9223372036854775808")
        #expect(written { $0.writeInt(0) } == "0")
        #expect(written { $0.writeUInt(UInt64.max) } == "18446744073709551615")
        #expect(written { $0.writeQuotedInt(-42) } == "\"-42\"")
    }

    @Test func writesNonFiniteDoublesAsProto3JSONStrings() throws {
        #expect(written { $0.writeDouble(.nan) } == "\"NaN\"")
        #expect(written { $0.writeDouble(-.infinity) } == "\"-Infinity\"")
        #expect(written { $0.writeDouble(.infinity) } == "\"Infinity\"")
        for value in [0.1, 1e-7, 3.25, -0.0, 1e300, 100.0] {
            let parsed = try JSONReader.parse(ByteBuffer(string: written { $0.writeDouble(value) }))
            #expect(parsed.doubleValue == value)
        }
    }

    @Test func writesLowercaseHexIds() {
        #expect(written { $0.writeQuotedHex(SpanID(0x00f0_67aa_0ba9_02b7)) } == "\"00f067aa0ba902b7\"")
        #expect(
            written { $0.writeQuotedHex(TraceID(high: 0x0af7_6519_16cd_43dd, low: 0xABCD)) }
                == "\"0af7651916cd43dd000000000000abcd\""
        )
    }
}

@Suite struct JSONReaderTests {
    @Test func parsesNestedDocumentsKeepingMemberOrder() throws {
        let value = try JSONReader.parse(
            ByteBuffer(string: #" {"b": [1, -2.5e3, true, null], "a": {"s": "x\u00e9\ud83d\ude80"}} "#)
        )
        guard case .object(let members) = value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["b", "a"])
        #expect(value["b"] == .array([.number("1"), .number("-2.5e3"), .bool(true), .null]))
        #expect(value["a"]?["s"] == .string("xé🚀"))
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "\"\u{01}\"", "\"\\x\"", "\"\\ud800\"", "tru", "{} x",
        String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
    ])
    func rejectsInvalidDocuments(_ text: String) {
        #expect(throws: JSONReader.ParseError.self) { try JSONReader.parse(ByteBuffer(string: text)) }
    }
}
