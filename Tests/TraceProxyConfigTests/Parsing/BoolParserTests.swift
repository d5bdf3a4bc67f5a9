import Testing

@testable import TraceProxyConfig

@Suite struct BoolParserTests {
    @Test(arguments: [
        ("true", true), ("1", true), ("yes", true), ("TRUE", true), ("Yes", true),
        ("false", false), ("0", false), ("no", false), ("False", false), ("NO", false),
    ])
    func parsesTheSixSpellingsInAnyCase(text: String, expected: Bool) throws {
        let value = try BoolParser.parse(text)

        #expect(value == expected)
    }

    @Test(arguments: ["", "on", "off", "y", "n", "2", " true", "true ", "t"])
    func rejectsEverythingElse(text: String) {
        #expect(throws: BoolParser.notABoolean) { try BoolParser.parse(text) }
    }
}
