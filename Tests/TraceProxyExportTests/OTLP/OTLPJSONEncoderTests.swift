import NIOCore
import Testing
import TraceProxyExport
import TraceProxyTracing
import TraceProxyJSON

@Suite struct OTLPJSONEncoderTests {
    private func spans() throws -> [JSONValue] {
        let document = try JSONReader.parse(Fixtures.encode(OTLPJSONEncoder()))
        guard case .array(let resourceSpans)? = document["resourceSpans"], resourceSpans.count == 1,
            case .array(let scopeSpans)? = resourceSpans[0]["scopeSpans"], scopeSpans.count == 1,
            case .array(let spans)? = scopeSpans[0]["spans"]
        else {
            Issue.record("unexpected envelope")
            return []
        }
        return spans
    }

    @Test func matchesTheGoldenFile() {
        Golden.expectMatches(Fixtures.encode(OTLPJSONEncoder()), file: "otlp.json")
    }

    @Test func usesHexIdsIntegerEnumsAndStringInt64s() throws {
        let spans = try self.spans()
        #expect(spans.count == 4)
        #expect(spans[0]["traceId"] == .string("0af7651916cd43dd8448eb211c80319c"))
        #expect(spans[0]["spanId"] == .string("b7ad6b7169203331"))
        #expect(spans[0]["parentSpanId"] == .string("00f067aa0ba902b7"))
        #expect(spans[1]["parentSpanId"] == nil)
        #expect(spans.map { $0["kind"] } == [.number("2"), .number("2"), .number("3"), .number("1")])
        #expect(spans.map { $0["flags"] } == [.number("771"), .number("256"), .number("259"), .number("256")])
        #expect(spans[0]["startTimeUnixNano"] == .string("1700000000123456789"))
        #expect(spans[2]["status"] == .object([("message", .string("upstream answered 503")), ("code", .number("2"))]))
        #expect(spans[1]["status"] == .object([("code", .number("1"))]))
        #expect(spans[0]["status"] == nil)
        #expect(spans[0]["traceState"] == .string("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7"))
        #expect(spans[1]["traceState"] == nil)
    }

    @Test func typesAttributeValues() throws {
        guard case .array(let attributes)? = try self.spans()[1]["attributes"] else {
            Issue.record("no attributes")
            return
        }
        let values = attributes.compactMap { $0["value"] }
        #expect(
            values[0] == .object([("stringValue", .string("quote \" backslash \\ newline \n tab \t bell \u{07} é 🚀"))])
        )
        #expect(values[2] == .object([("intValue", .string("-42"))]))
        #expect(values[3] == .object([("intValue", .string("9223372036854775807"))]))
        #expect(values[4] == .object([("doubleValue", .number("3.25"))]))
        #expect(values[6] == .object([("boolValue", .bool(true))]))
    }

    @Test func encodesAnEmptyBatchAsAnEmptyObject() {
        var buffer = ByteBuffer()
        OTLPJSONEncoder().encode([FinishedSpan](), resource: Fixtures.resource, into: &buffer)
        #expect(String(buffer: buffer) == "{}")
    }
}
