import NIOCore
import Testing
import TraceProxyExport
import TraceProxyTracing
import TraceProxyJSON

@Suite struct ZipkinJSONEncoderTests {
    private func spans() throws -> [JSONValue] {
        guard case .array(let spans) = try JSONReader.parse(Fixtures.encode(ZipkinJSONEncoder())) else {
            Issue.record("not a JSON array")
            return []
        }
        return spans
    }

    private static func isLowercaseHex(_ value: JSONValue?, length: Int) -> Bool {
        guard let text = value?.stringValue else { return false }
        return text.utf8.count == length
            && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    @Test func matchesTheGoldenFile() {
        Golden.expectMatches(Fixtures.encode(ZipkinJSONEncoder()), file: "zipkin.json")
    }

    /// The field rules of zipkin2-api.yaml's `Span` (WIRE-FORMATS 4.2).
    @Test func followsTheZipkin2FieldRules() throws {
        let spans = try self.spans()
        #expect(spans.count == 4)
        for span in spans {
            #expect(Self.isLowercaseHex(span["traceId"], length: 32))
            #expect(Self.isLowercaseHex(span["id"], length: 16))
            if let parent = span["parentId"] { #expect(Self.isLowercaseHex(parent, length: 16)) }
            #expect(span["timestamp"]?.int64Value.map { $0 > 0 } == true)
            #expect(span["duration"]?.int64Value.map { $0 >= 1 } == true)
            #expect(span["localEndpoint"]?["serviceName"] == .string("checkout-api"))
            guard case .object(let tags)? = span["tags"] else {
                Issue.record("tags missing")
                continue
            }
            #expect(tags.allSatisfy { if case .string = $0.value { true } else { false } })
            if let port = span["remoteEndpoint"]?["port"] { #expect(port.int64Value.map { $0 > 0 } == true) }
        }
    }

    @Test func mapsIdsKindsAndMicroseconds() throws {
        let spans = try self.spans()
        #expect(spans[0]["parentId"] == .string("00f067aa0ba902b7"))
        #expect(spans[1]["parentId"] == nil)
        #expect(spans[1]["traceId"] == .string("0000000000000000a3ce929d0e0e4736"))
        #expect(spans.map { $0["kind"] } == [.string("SERVER"), .string("SERVER"), .string("CLIENT"), nil])
        #expect(spans[0]["timestamp"] == .number("1700000000123456"))
        #expect(spans[0]["duration"] == .number("12346"))
        #expect(spans[3]["duration"] == .number("1"))  // 500 ns rounds up to the 1 µs minimum
    }

    @Test func stringifiesTagsAndMarksErrors() throws {
        let spans = try self.spans()
        #expect(spans[0]["tags"]?["http.response.status_code"] == .string("200"))
        #expect(spans[1]["tags"]?["bool.false"] == .string("false"))
        #expect(spans[1]["tags"]?["double"] == .string("3.25"))
        #expect(spans[1]["tags"]?["otel.status_code"] == .string("OK"))
        #expect(spans[1]["tags"]?["error"] == nil)
        #expect(spans[2]["tags"]?["error"] == .string("upstream answered 503"))
        #expect(spans[2]["tags"]?["otel.status_code"] == .string("ERROR"))
    }

    @Test func describesTheRemoteSideFromNetworkAttributes() throws {
        let spans = try self.spans()
        #expect(
            spans[2]["remoteEndpoint"]
                == .object([
                    ("serviceName", .string("inventory.internal")), ("ipv4", .string("10.1.2.3")),
                    ("port", .number("8080")),
                ])
        )
        #expect(spans[0]["remoteEndpoint"] == .object([("ipv4", .string("192.0.2.7"))]))
        #expect(spans[1]["remoteEndpoint"] == nil)
    }

    @Test func encodesAnEmptyBatchAsAnEmptyArray() {
        var buffer = ByteBuffer()
        ZipkinJSONEncoder().encode([FinishedSpan](), resource: Fixtures.resource, into: &buffer)
        #expect(String(buffer: buffer) == "[]")
    }
}
