import NIOCore
import Testing
import TraceProxyExport
import TraceProxyTracing
import TraceProxyJSON

@Suite struct DatadogMsgpackEncoderTests {
    private func chunks() throws -> [[MessagePackValue]] {
        let payload = try MessagePackValue.decode(Array(Fixtures.encode(DatadogMsgpackEncoder()).readableBytesView))
        return try #require(payload.arrayValue).map { try #require($0.arrayValue) }
    }

    @Test func matchesTheGoldenFile() {
        Golden.expectMatches(Fixtures.encode(DatadogMsgpackEncoder()), file: "datadog-v04.msgpack.hex")
    }

    @Test func groupsSpansIntoOneChunkPerTraceKeepingInputOrder() throws {
        let chunks = try self.chunks()
        #expect(chunks.count == 2)
        #expect(chunks[0].map { $0["span_id"] } == [.uint(0xb7ad_6b71_6920_3331), .uint(0x5399_5c3f_42cd_8ad8)])
        #expect(chunks[1].map { $0["span_id"] } == [.uint(0xffff_ffff_ffff_fffe), .uint(1)])
        #expect(chunks[0].allSatisfy { $0["trace_id"] == .uint(0x8448_eb21_1c80_319c) })
        #expect(DatadogTraceChunk.count(Fixtures.batch) == 2)
    }

    /// The type checks of ddapm-test-agent's `verify_span`, plus the exact key set of WIRE-FORMATS 3.1.
    @Test func passesTheTestAgentsTypeChecks() throws {
        for span in try self.chunks().joined() {
            #expect(
                span.stringKeys == [
                    "trace_id", "span_id", "parent_id", "name", "resource", "service", "type", "start", "duration",
                    "error",
                    "meta", "metrics",
                ]
            )
            for key in ["trace_id", "span_id", "parent_id", "start", "duration", "error"] {
                guard case .uint = span[key] else {
                    Issue.record("\(key) is not a non-negative integer: \(String(describing: span[key]))")
                    continue
                }
            }
            for key in ["name", "resource", "service", "type"] {
                guard case .string = span[key] else {
                    Issue.record("\(key) is not a str")
                    continue
                }
            }
            guard case .map(let meta)? = span["meta"], case .map(let metrics)? = span["metrics"] else {
                Issue.record("meta or metrics is not a map")
                continue
            }
            for entry in meta {
                guard case .string = entry.key, case .string = entry.value else {
                    Issue.record("meta entry is not str → str: \(entry)")
                    continue
                }
            }
            for entry in metrics {
                guard case .string = entry.key, case .double = entry.value else {
                    Issue.record("metrics entry is not str → float64: \(entry)")
                    continue
                }
            }
        }
    }

    @Test func mapsNamesTypesTimesAndErrors() throws {
        let spans = Array(try self.chunks().joined())
        #expect(
            spans.map { $0["name"] } == [
                .string("http.request"), .string("http.client.request"), .string("http.request"),
                .string("traceproxy.internal"),
            ]
        )
        #expect(spans[0]["resource"] == .string("GET /items/{item_id}"))
        #expect(spans.map { $0["type"] } == [.string("web"), .string("http"), .string("web"), .string("")])
        #expect(spans.allSatisfy { $0["service"] == .string("Checkout-API") })
        #expect(spans[0]["parent_id"] == .uint(0x00f0_67aa_0ba9_02b7))
        #expect(spans[2]["parent_id"] == .uint(0))
        #expect(spans[0]["start"] == .uint(1_700_000_000_123_456_789))
        #expect(spans[0]["duration"] == .uint(12_345_570))
        #expect(spans.map { $0["error"] } == [.uint(0), .uint(1), .uint(0), .uint(0)])
        #expect(spans[1]["meta"]?["error.message"] == .string("upstream answered 503"))
    }

    @Test func putsTheHighTraceIdHalfOnTheFirstSpanOfTheChunkOnly() throws {
        let chunks = try self.chunks()
        #expect(chunks[0][0]["meta"]?["_dd.p.tid"] == .string("0af7651916cd43dd"))
        #expect(chunks[0][1]["meta"]?["_dd.p.tid"] == nil)
        #expect(chunks[1][0]["meta"]?["_dd.p.tid"] == nil)  // high half is zero
    }

    @Test func marksLocalRootsWithSamplingPriorityAndTopLevel() throws {
        let spans = Array(try self.chunks().joined())
        // The server span continuing a remote parent and the parentless root are local roots.
        #expect(spans.map { $0["metrics"]?["_sampling_priority_v1"] } == [.double(1), nil, .double(0), nil])
        #expect(spans.map { $0["metrics"]?["_dd.top_level"] } == [.double(1), nil, .double(1), nil])
        #expect(spans.map { $0["meta"]?["language"] } == [.string("swift"), nil, .string("swift"), nil])
        #expect(spans[1]["metrics"]?["_dd.measured"] == .double(1))
    }

    @Test func splitsAttributesIntoStringMetaAndNumericMetrics() throws {
        let spans = Array(try self.chunks().joined())
        let server = spans[0]
        #expect(server["meta"]?["span.kind"] == .string("server"))
        #expect(server["meta"]?["env"] == .string("staging"))
        #expect(server["meta"]?["version"] == .string("1.4.2"))
        #expect(server["meta"]?["http.method"] == .string("GET"))
        #expect(server["meta"]?["http.status_code"] == .string("200"))
        #expect(server["meta"]?["http.useragent"] == .string("curl/8.5.0"))
        #expect(server["meta"]?["http.route"] == .string("/items/{item_id}"))
        #expect(server["metrics"]?["http.response.status_code"] == .double(200))
        #expect(spans[1]["meta"]?["http.url"] == .string("http://inventory.internal:8080/items/42"))
        let typed = spans[2]
        #expect(typed["meta"]?["bool.true"] == .string("true"))
        #expect(typed["meta"]?["empty"] == .string(""))
        #expect(typed["metrics"]?["int.negative"] == .double(-42))
        #expect(typed["metrics"]?["double"] == .double(3.25))
        #expect(typed["meta"]?["double"] == nil)
    }

    @Test func providesTheHeadersTheAgentChecks() {
        let headers = DatadogMsgpackEncoder(tracerVersion: "0.1.0", languageVersion: "6.3").headers(traceCount: 2)
        let byName = Dictionary(
            headers.map { ($0.name.lowercased(), $0.value) },
            uniquingKeysWith: { first, _ in first }
        )
        #expect(byName["content-type"] == "application/msgpack")
        #expect(byName["x-datadog-trace-count"] == "2")
        #expect(byName["datadog-meta-lang"] == "swift")
        #expect(byName["datadog-meta-lang-version"] == "6.3")
        #expect(byName["datadog-meta-tracer-version"] == "0.1.0")
    }

    @Test func encodesAnEmptyBatchAsAnEmptyArray() {
        var buffer = ByteBuffer()
        DatadogMsgpackEncoder().encode([FinishedSpan](), resource: Fixtures.resource, into: &buffer)
        #expect(Array(buffer.readableBytesView) == [0x90])
    }
}

@Suite struct DatadogAgentResponseTests {
    @Test func readsRatesByService() throws {
        let body = ByteBuffer(
            string: #"{"rate_by_service": {"service:,env:": 1, "service:checkout-api,env:staging": 0.25}}"#
        )
        let response = try DatadogAgentResponse.decode(json: body)
        #expect(response.rateByService == ["service:,env:": 1, "service:checkout-api,env:staging": 0.25])
    }

    @Test func distinguishesUnchangedRatesFromAnEmptyTable() throws {
        #expect(try DatadogAgentResponse.decode(json: ByteBuffer(string: "{}")).rateByService == nil)
        #expect(try DatadogAgentResponse.decode(json: ByteBuffer()).rateByService == nil)
        #expect(
            try DatadogAgentResponse.decode(json: ByteBuffer(string: #"{"rate_by_service":{}}"#)).rateByService == [:]
        )
    }

    @Test func rejectsMalformedJSON() {
        #expect(throws: JSONReader.ParseError.self) { try DatadogAgentResponse.decode(json: ByteBuffer(string: "OK")) }
    }
}
