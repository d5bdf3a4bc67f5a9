import Testing

@testable import TraceProxyConfig

@Suite struct ExporterListParserTests {
    static let supported = "console, otlp, jaeger, zipkin, datadog, none"

    @Test(arguments: [
        ("none", [ExporterName]()),
        ("console", [.console]),
        (" console ", [.console]),
        ("console,console", [.console]),
        ("console , console", [.console]),
        ("otlp", [.otlp]),
        ("otlp,jaeger,zipkin,datadog,console", [.otlp, .jaeger, .zipkin, .datadog, .console]),
        ("datadog, otlp, datadog", [.datadog, .otlp]),
    ])
    func parsesLists(text: String, expected: [ExporterName]) throws {
        let exporters = try ExporterListParser.parse(text)

        #expect(exporters == expected)
    }

    @Test(arguments: [
        ("kafka", #"names an unsupported exporter "kafka" (supported: \#(Self.supported))"#),
        ("console,jaeger-thrift", #"names an unsupported exporter "jaeger-thrift" (supported: \#(Self.supported))"#),
        ("Console", #"names an unsupported exporter "Console" (supported: \#(Self.supported))"#),
        ("logging", #"names an unsupported exporter "logging" (supported: \#(Self.supported))"#),
        ("none,console", "combines none with other exporters (none must stand alone)"),
        ("console,none", "combines none with other exporters (none must stand alone)"),
        ("", "has an empty exporter name (supported: \(Self.supported))"),
        ("console,", "has an empty exporter name (supported: \(Self.supported))"),
        (",console", "has an empty exporter name (supported: \(Self.supported))"),
    ])
    func rejectsBadLists(text: String, reason: String) {
        #expect(throws: ParseFailure(reason)) { try ExporterListParser.parse(text) }
    }

    @Test func supportedNamesComeFromTheEnumPlusNone() {
        #expect(ExporterListParser.supportedNames == Self.supported)
    }
}
