import Testing

@testable import TraceProxyConfig

@Suite struct ByteSizeParserTests {
    @Test(arguments: [
        ("32768", 32768),
        ("0", 0),
        ("32KiB", 32768),
        ("32kib", 32768),
        ("80KIB", 81920),
        ("1MiB", 1_048_576),
        ("2mib", 2_097_152),
    ])
    func parsesBytesAndBinarySuffixes(text: String, expected: Int) throws {
        let bytes = try ByteSizeParser.parse(text)

        #expect(bytes == expected)
    }

    @Test(arguments: [
        "", "KiB", "64kb", "64KB", "1MB", "32K", "32B", "32 KiB", " 32", "1.5KiB", "-1", "+1", "0x10", "32KiBs",
    ])
    func rejectsWhatIsNotASize(text: String) {
        #expect(throws: ByteSizeParser.notASize) { try ByteSizeParser.parse(text) }
    }

    @Test(arguments: ["99999999999999999999", "9999999999999999MiB"])
    func rejectsSizesThatOverflow(text: String) {
        #expect(throws: ByteSizeParser.tooLarge) { try ByteSizeParser.parse(text) }
    }
}
