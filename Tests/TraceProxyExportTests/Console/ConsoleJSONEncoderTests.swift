import NIOCore
import Testing
import TraceProxyExport
import TraceProxyTracing
import TraceProxyJSON

@Suite struct ConsoleJSONEncoderTests {
    private func lines() throws -> [JSONValue] {
        let text = String(buffer: Fixtures.encode(ConsoleJSONEncoder()))
        #expect(text.hasSuffix("\n"))
        return try text.split(separator: "\n").map { try JSONReader.parse(ByteBuffer(string: String($0))) }
    }

    @Test func matchesTheGoldenFile() {
        Golden.expectMatches(Fixtures.encode(ConsoleJSONEncoder()), file: "console.ndjson")
    }

    @Test func writesOneValidObjectPerSpanPerLine() throws {
        let lines = try self.lines()
        #expect(lines.count == 4)
        #expect(lines.map { $0["name"] } == Fixtures.batch.map { .string($0.name) })
        #expect(lines[1]["parentSpanId"] == .null)
        #expect(lines[0]["parentSpanId"] == .string("00f067aa0ba902b7"))
        #expect(lines[0]["service"] == .string("Checkout-API"))
        #expect(lines[0]["durationNs"] == .number("12345570"))
        #expect(lines[0]["flags"] == .number("3"))
        #expect(lines[0]["traceState"] == .string("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7"))
        #expect(
            lines[2]["status"] == .object([("code", .string("error")), ("message", .string("upstream answered 503"))])
        )
        #expect(lines[3]["kind"] == .string("internal"))
    }

    @Test func keepsAttributeTypesAndEscapedTextIntact() throws {
        let attributes = try #require(try self.lines()[1]["attributes"])
        #expect(attributes["text"] == .string("quote \" backslash \\ newline \n tab \t bell \u{07} é 🚀"))
        #expect(attributes["int.max"] == .number("9223372036854775807"))
        #expect(attributes["double.small"]?.doubleValue == 1e-7)
        #expect(attributes["bool.false"] == .bool(false))
    }

    @Test func staysValidJSONForNonFiniteDoubles() throws {
        var span = Fixtures.internalChild
        span.attributes = [.double("nan", .nan), .double("inf", .infinity)]
        let line = try JSONReader.parse(Fixtures.encode(ConsoleJSONEncoder(), [span]))
        #expect(line["attributes"] == .object([("nan", .string("NaN")), ("inf", .string("Infinity"))]))
    }
}
