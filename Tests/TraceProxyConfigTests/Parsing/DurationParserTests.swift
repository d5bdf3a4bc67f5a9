import Testing

@testable import TraceProxyConfig

@Suite struct DurationParserTests {
    @Test(arguments: [
        ("250ms", Duration.milliseconds(250)),
        ("5s", .seconds(5)),
        ("1.5s", .milliseconds(1500)),
        ("2m", .seconds(120)),
        ("1h", .seconds(3600)),
        ("1.5h", .seconds(5400)),
        ("30", .seconds(30)),
        ("0.25", .milliseconds(250)),
        (".5s", .milliseconds(500)),
        ("007s", .seconds(7)),
        ("1.5ms", .microseconds(1500)),
        ("0.000000001s", .nanoseconds(1)),
        ("1.0000000019s", .nanoseconds(1_000_000_001)),
        ("9223372036s", .seconds(9_223_372_036)),
    ])
    func parsesValidDurations(text: String, expected: Duration) throws {
        let duration = try DurationParser.parse(text)

        #expect(duration == expected)
    }

    @Test(arguments: [
        "", "5x", "s", "ms", ".", "5.s", "5..5s", "5 s", " 5s", "5s ", "-5s", "+5s", "5S", "5MS", "1m30s", "1e3",
        "5sec", "5us", "\u{FF15}s", "0x10s",
    ])
    func rejectsWhatIsNotADuration(text: String) {
        #expect(throws: DurationParser.notADuration) { try DurationParser.parse(text) }
    }

    @Test(arguments: ["0", "0s", "0.0ms", "0h", "0.0000000001s"])
    func rejectsZeroUnlessAllowed(text: String) throws {
        #expect(throws: DurationParser.notPositive) { try DurationParser.parse(text) }

        let allowed = try DurationParser.parse(text, allowingZero: true)

        #expect(allowed == .zero)
    }

    @Test(arguments: ["10000000000s", "300000000000000000000", "3000000h"])
    func rejectsDurationsBeyondInt64Nanoseconds(text: String) {
        #expect(throws: DurationParser.tooLarge) { try DurationParser.parse(text) }
    }

    @Test func errorTextsNameTheAcceptedForms() {
        #expect(DurationParser.notADuration.reason == "is not a duration (expected e.g. 250ms, 5s, 2m)")
        #expect(DurationParser.notPositive.reason == "must be greater than 0 (expected e.g. 250ms, 5s, 2m)")
    }
}
