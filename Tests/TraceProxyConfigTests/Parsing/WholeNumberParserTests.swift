import Testing

@testable import TraceProxyConfig

@Suite struct WholeNumberParserTests {
    @Test(arguments: [("1", 1), ("1024", 1024), ("0007", 7)])
    func parsesCounts(text: String, expected: Int) throws {
        let count = try WholeNumberParser.parse(text, atLeast: 1, example: 1024)

        #expect(count == expected)
    }

    @Test(arguments: ["", "1k", "-1", "+1", "1.0", " 1", "many"])
    func rejectsWhatIsNotAWholeNumber(text: String) {
        #expect(throws: ParseFailure("is not a whole number (expected e.g. 1024)")) {
            try WholeNumberParser.parse(text, atLeast: 1, example: 1024)
        }
    }

    @Test func rejectsValuesBelowTheMinimum() {
        #expect(throws: ParseFailure("must be at least 1")) {
            try WholeNumberParser.parse("0", atLeast: 1, example: 1024)
        }
    }
}
