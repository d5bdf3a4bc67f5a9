import Testing

@testable import TraceProxyConfig

@Suite struct ExporterListParserTests {
    @Test(arguments: [
        ("none", [ExporterName]()),
        ("console", [.console]),
        (" console ", [.console]),
        ("console,console", [.console]),
        ("console , console", [.console]),
    ])
    func parsesLists(text: String, expected: [ExporterName]) throws {
        let exporters = try ExporterListParser.parse(text)

        #expect(exporters == expected)
    }

    @Test(arguments: [
        ("otlp", #"names an unsupported exporter "otlp" (supported: console, none)"#),
        ("console,jaeger", #"names an unsupported exporter "jaeger" (supported: console, none)"#),
        ("Console", #"names an unsupported exporter "Console" (supported: console, none)"#),
        ("none,console", "combines none with other exporters (none must stand alone)"),
        ("console,none", "combines none with other exporters (none must stand alone)"),
        ("", "has an empty exporter name (supported: console, none)"),
        ("console,", "has an empty exporter name (supported: console, none)"),
        (",console", "has an empty exporter name (supported: console, none)"),
    ])
    func rejectsBadLists(text: String, reason: String) {
        #expect(throws: ParseFailure(reason)) { try ExporterListParser.parse(text) }
    }

    @Test func supportedNamesComeFromTheEnumPlusNone() {
        #expect(ExporterListParser.supportedNames == "console, none")
    }
}
