import Testing
import TraceProxyTraceContext
import TraceProxyTestSupport

@Suite struct TraceParentTests {
    static let traceHex = "12345678901234567890123456789012"
    static let parentHex = "1234567890123456"
    static let valid = "00-\(traceHex)-\(parentHex)-01"

    // MARK: - Valid values

    @Test(arguments: [
        (valid, 0x00 as UInt8, 0x01 as UInt8),
        ("00-\(traceHex)-\(parentHex)-00", 0x00, 0x00),
        ("00-\(traceHex)-\(parentHex)-03", 0x00, 0x03),
        ("00-\(traceHex)-\(parentHex)-ff", 0x00, 0xff),
        // OWS around the value (test_traceparent_ows_handling).
        (" \(valid)", 0x00, 0x01),
        ("\t\(valid)", 0x00, 0x01),
        ("\(valid) ", 0x00, 0x01),
        ("\(valid)\t", 0x00, 0x01),
        ("\t \(valid) \t", 0x00, 0x01),
        // Future versions: first four fields only (test_traceparent_version_0xcc).
        ("cc-\(traceHex)-\(parentHex)-01", 0xcc, 0x01),
        ("cc-\(traceHex)-\(parentHex)-01-what-the-future-will-be-like", 0xcc, 0x01),
        ("01-\(traceHex)-\(parentHex)-00-", 0x01, 0x00),
        ("fe-\(traceHex)-\(parentHex)-09-x", 0xfe, 0x09),
    ])
    func parsesValidValue(value: String, version: UInt8, flags: UInt8) throws {
        let parsed = try #require(TraceParent(headerValue: value))

        #expect(parsed.version == version)
        #expect(parsed.traceID == TraceID(high: 0x1234_5678_9012_3456, low: 0x7890_1234_5678_9012))
        #expect(parsed.parentID == SpanID(0x1234_5678_9012_3456))
        #expect(parsed.flags.rawValue == flags)
    }

    // MARK: - Invalid values: every case of w3c/trace-context test/test.py and a few more

    @Test(arguments: [
        // test_traceparent_version_0x00: version 00 must be exactly 55 characters.
        "00-\(traceHex)-\(parentHex)-01.",
        "00-\(traceHex)-\(parentHex)-01-what-the-future-will-be-like",
        "00-\(traceHex)-\(parentHex)-01-",
        // test_traceparent_version_0xcc: a longer future version continues with '-'.
        "cc-\(traceHex)-\(parentHex)-01.what-the-future-will-be-like",
        // test_traceparent_version_0xff
        "ff-\(traceHex)-\(parentHex)-01",
        "ff-\(traceHex)-\(parentHex)-01-future",
        // test_traceparent_version_illegal_characters
        ".0-\(traceHex)-\(parentHex)-01",
        "0.-\(traceHex)-\(parentHex)-01",
        // test_traceparent_version_too_long / too_short
        "000-\(traceHex)-\(parentHex)-01",
        "0000-\(traceHex)-\(parentHex)-01",
        "0-\(traceHex)-\(parentHex)-01",
        // test_traceparent_trace_id_all_zero
        "00-00000000000000000000000000000000-\(parentHex)-01",
        // test_traceparent_trace_id_illegal_characters
        "00-.2345678901234567890123456789012-\(parentHex)-01",
        "00-1234567890123456789012345678901.-\(parentHex)-01",
        // test_traceparent_trace_id_too_long / too_short
        "00-123456789012345678901234567890123-\(parentHex)-01",
        "00-1234567890123456789012345678901-\(parentHex)-01",
        // test_traceparent_parent_id_all_zero
        "00-\(traceHex)-0000000000000000-01",
        // test_traceparent_parent_id_illegal_characters
        "00-\(traceHex)-.234567890123456-01",
        "00-\(traceHex)-123456789012345.-01",
        // test_traceparent_parent_id_too_long / too_short
        "00-\(traceHex)-12345678901234567-01",
        "00-\(traceHex)-123456789012345-01",
        // test_traceparent_trace_flags_illegal_characters
        "00-\(traceHex)-\(parentHex)-.0",
        "00-\(traceHex)-\(parentHex)-0.",
        // test_traceparent_trace_flags_too_long / too_short
        "00-\(traceHex)-\(parentHex)-001",
        "00-\(traceHex)-\(parentHex)-1",
        // Uppercase hex anywhere.
        "00-1234567890123456789012345678901A-\(parentHex)-01",
        "00-\(traceHex)-123456789012345A-01",
        "00-\(traceHex)-\(parentHex)-0A",
        "0A-\(traceHex)-\(parentHex)-01",
        // Missing, extra or misplaced dashes.
        "00\(traceHex)-\(parentHex)-01-",
        "00-\(traceHex)\(parentHex)-01--",
        "00-\(traceHex)-\(parentHex)01--",
        "00_\(traceHex)-\(parentHex)-01",
        "00-\(traceHex)_\(parentHex)-01",
        "00-\(traceHex)-\(parentHex)_01",
        "00--\(traceHex)-\(parentHex)-01",
        // Empty, whitespace, inner whitespace, non-ASCII.
        "",
        " ",
        "00-\(traceHex)-\(parentHex)- 1",
        "00-\(traceHex)-\(parentHex)-0\u{e9}",
        "\u{e9}0-\(traceHex)-\(parentHex)-01",
        // A comma-joined duplicate (a proxy folded two lines into one).
        "\(valid),\(valid)",
    ])
    func rejectsInvalidValue(value: String) {
        #expect(TraceParent(headerValue: value) == nil)
    }

    // MARK: - Several header lines

    @Test func acceptsExactlyOneHeaderLine() {
        #expect(TraceParent(headerValues: [Self.valid])?.traceID.hexString == Self.traceHex)
    }

    @Test func rejectsDuplicatedHeaderLinesEvenWhenEachIsValid() {
        let values = [
            "00-12345678901234567890123456789011-1234567890123456-01",
            "00-12345678901234567890123456789012-1234567890123456-01",
        ]

        #expect(TraceParent(headerValues: values) == nil)
        #expect(TraceParent(headerValues: [Self.valid, Self.valid]) == nil)
    }

    @Test func rejectsNoHeaderLine() {
        #expect(TraceParent(headerValues: [String]()) == nil)
    }

    @Test func parsesSubstringsAndNonContiguousStrings() {
        let line = "traceparent: \(Self.valid)"
        let value = line[line.index(line.startIndex, offsetBy: 13)...]

        #expect(TraceParent(headerValue: value)?.headerValue == Self.valid)
        #expect(TraceParent(headerValues: [value])?.headerValue == Self.valid)
    }

    // MARK: - Rendering

    @Test func rendersVersion00WithLowercaseHexAndPaddedFields() {
        let parent = TraceParent(
            traceID: TraceID(high: 0xA, low: 0xB),
            parentID: SpanID(0xC),
            flags: TraceFlags(rawValue: 0x1)
        )

        #expect(parent.headerValue == "00-000000000000000a000000000000000b-000000000000000c-01")
    }

    @Test func rendersVersion00ForAFutureVersionItRead() throws {
        let parsed = try #require(TraceParent(headerValue: "cc-\(Self.traceHex)-\(Self.parentHex)-01-extra"))

        #expect(parsed.headerValue == Self.valid)
    }

    @Test func rendersEveryFlagsByteAsTwoDigits() {
        for byte in UInt8.min...UInt8.max {
            let parent = TraceParent(
                traceID: TraceID(high: 1, low: 2), parentID: SpanID(3), flags: TraceFlags(rawValue: byte))

            let rendered = parent.headerValue

            #expect(rendered.utf8.count == 55)
            #expect(TraceParent(headerValue: rendered)?.flags.rawValue == byte)
        }
    }

    // MARK: - Property: render then parse gives the same value

    @Test(arguments: [1 as UInt64, 42, 0xdead_beef])
    func randomValidContextsRoundTrip(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for _ in 0..<2_000 {
            var traceID = TraceID(high: random.next(), low: random.next())
            // Exercise the all-zero halves that padding must keep.
            switch random.next() % 4 {
            case 0: traceID.high = 0
            case 1: traceID.low = 0
            default: break
            }
            if !traceID.isValid { traceID.low = 1 }
            let spanID = SpanID(max(1, random.next() >> (random.next() % 64)))
            let parent = TraceParent(
                traceID: traceID,
                parentID: spanID,
                flags: TraceFlags(rawValue: UInt8(truncatingIfNeeded: random.next()))
            )

            let reparsed = TraceParent(headerValue: parent.headerValue)

            #expect(reparsed == parent, "seed \(seed): \(parent.headerValue)")
        }
    }
}
