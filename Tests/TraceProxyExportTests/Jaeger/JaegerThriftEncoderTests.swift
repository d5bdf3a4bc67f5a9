import NIOCore
import Testing
import TraceProxyExport
import TraceProxyTraceContext
import TraceProxyTracing

@Suite struct JaegerThriftEncoderTests {
    private func collectorBatch() throws -> ThriftValue {
        let body = Fixtures.encode(JaegerThriftEncoder())
        var reader = ThriftBinaryReader(Array(body.readableBytesView))
        let batch = try reader.readStruct()
        #expect(reader.isAtEnd)
        return batch
    }

    /// Tags as key → (vType, value) for easy lookup.
    private func tags(_ list: ThriftValue?) -> [String: (type: Int32, value: ThriftValue?)] {
        var result: [String: (Int32, ThriftValue?)] = [:]
        for tag in list?.list ?? [] {
            guard let key = tag[1]?.string, case .i32(let type)? = tag[2] else { continue }
            let slot: Int16 = [0: 3, 1: 4, 2: 5, 3: 6][type] ?? 7
            result[key] = (type, tag[slot])
        }
        return result
    }

    @Test func matchesTheGoldenFiles() throws {
        Golden.expectMatches(Fixtures.encode(JaegerThriftEncoder()), file: "jaeger-collector.thrift.hex")
        let datagrams = JaegerThriftEncoder().agentDatagrams(Fixtures.batch, resource: Fixtures.resource)
        #expect(datagrams.datagrams.count == 1 && datagrams.droppedSpanCount == 0)
        Golden.expectMatches(try #require(datagrams.datagrams.first), file: "jaeger-agent.thrift.hex")
    }

    @Test func startsLikeTheObservedPayloads() throws {
        let collector = Array(Fixtures.encode(JaegerThriftEncoder()).readableBytesView)
        #expect(Array(collector.prefix(6)) == [0x0C, 0x00, 0x01, 0x0B, 0x00, 0x01])
        let datagram = try #require(
            JaegerThriftEncoder().agentDatagrams(Fixtures.batch, resource: Fixtures.resource).datagrams.first
        )
        #expect(
            Array(datagram.readableBytesView.prefix(16)) == [0x82, 0x81, 0x00, 0x09] + Array("emitBatch".utf8) + [
                0x1C, 0x1C, 0x18,
            ]
        )
    }

    @Test func carriesTheServiceOnlyInTheProcess() throws {
        let process = try #require(try self.collectorBatch()[1])
        #expect(process[1]?.string == "Checkout-API")
        let processTags = self.tags(process[2])
        #expect(processTags["service.name"] == nil)
        #expect(processTags["telemetry.sdk.language"]?.value?.string == "swift")
        #expect(processTags["deployment.environment.name"]?.value?.string == "staging")
    }

    @Test func splitsIdsIntoSignedHalvesAndZeroesTheRootParent() throws {
        let spans = try #require(try self.collectorBatch()[2]?.list)
        #expect(spans.count == 4)
        #expect(spans[0][1] == .i64(Int64(bitPattern: 0x8448_eb21_1c80_319c)))
        #expect(spans[0][2] == .i64(0x0af7_6519_16cd_43dd))
        #expect(spans[0][4] == .i64(0x00f0_67aa_0ba9_02b7))
        #expect(spans[1][2] == .i64(0))
        #expect(spans[1][3] == .i64(-2))  // 0xfffffffffffffffe travels as its two's-complement pattern
        #expect(spans[1][4] == .i64(0))
        // Only the sampled bit: W3C's "random" 0x02 would read as Jaeger's "debug".
        #expect(spans.map { $0[7] } == [.i32(1), .i32(0), .i32(1), .i32(0)])
    }

    @Test func writesMicrosecondsRoundingDurationsUp() throws {
        let spans = try #require(try self.collectorBatch()[2]?.list)
        #expect(spans[0][8] == .i64(1_700_000_000_123_456))
        #expect(spans[0][9] == .i64(12_346))  // 12 345 570 ns
        #expect(spans[2][9] == .i64(10_001))  // 10 000 001 ns
        #expect(spans[3][9] == .i64(1))  // 500 ns
    }

    @Test func typesTagsAndAddsKindAndStatusTags() throws {
        let spans = try #require(try self.collectorBatch()[2]?.list)
        let server = self.tags(spans[0][10])
        #expect(server["span.kind"]?.value?.string == "server")
        #expect(
            server["http.response.status_code"]?.type == 3 && server["http.response.status_code"]?.value == .i64(200)
        )
        #expect(server["error"] == nil && server["otel.status_code"] == nil)
        let typed = self.tags(spans[1][10])
        #expect(typed["double"]?.type == 1 && typed["double"]?.value == .double(3.25))
        #expect(typed["bool.true"]?.type == 2 && typed["bool.true"]?.value == .bool(true))
        #expect(typed["bool.false"]?.value == .bool(false))
        #expect(typed["int.negative"]?.value == .i64(-42))
        #expect(typed["otel.status_code"]?.value?.string == "OK")
        let failed = self.tags(spans[2][10])
        #expect(failed["error"]?.type == 2 && failed["error"]?.value == .bool(true))
        #expect(failed["otel.status_code"]?.value?.string == "ERROR")
        #expect(failed["otel.status_description"]?.value?.string == "upstream answered 503")
        #expect(failed["span.kind"]?.value?.string == "client")
        #expect(self.tags(spans[3][10])["span.kind"] == nil)  // internal spans carry no kind tag
    }

    @Test func splitsLargeBatchesIntoDatagramsWithinTheLimit() throws {
        let bigValue = String(repeating: "x", count: 2_000)
        var spans = (1...100).map { index -> FinishedSpan in
            var span = Fixtures.internalChild
            span.spanID = SpanID(UInt64(index))
            span.attributes = [.string("payload", bigValue)]
            return span
        }
        var oversized = Fixtures.internalChild
        oversized.spanID = SpanID(1000)
        oversized.attributes = [.string("payload", String(repeating: "y", count: 70_000))]
        spans.insert(oversized, at: 50)

        let result = JaegerThriftEncoder().agentDatagrams(spans, resource: Fixtures.resource)

        #expect(result.droppedSpanCount == 1)
        #expect(result.datagrams.count == 4)
        var seen: [Int64] = []
        for datagram in result.datagrams {
            #expect(datagram.readableBytes <= 65_000)
            var reader = ThriftCompactReader(Array(datagram.readableBytesView))
            let header = try reader.readMessageBegin()
            #expect(header.name == "emitBatch" && header.type == 4)
            let arguments = try reader.readStruct()
            #expect(reader.isAtEnd)
            #expect(arguments[1]?[1]?[1]?.string == "Checkout-API")  // every datagram has its own Process
            seen += (arguments[1]?[2]?.list ?? []).compactMap { $0[3]?.i64 }
        }
        #expect(seen == (1...100).map { Int64($0) })
        // Greedy packing: every datagram but the last is nearly full.
        #expect(result.datagrams.dropLast().allSatisfy { $0.readableBytes > 65_000 - 2_200 })
    }

    @Test func respectsACustomLimit() {
        let result = JaegerThriftEncoder().agentDatagrams(
            Fixtures.batch,
            resource: Fixtures.resource,
            maximumDatagramSize: 700
        )
        #expect(result.datagrams.allSatisfy { $0.readableBytes <= 700 })
        #expect(result.datagrams.count > 1)
        #expect(result.droppedSpanCount == 0)
    }

    @Test func sendsNothingForAnEmptyBatch() {
        let result = JaegerThriftEncoder().agentDatagrams([FinishedSpan](), resource: Fixtures.resource)
        #expect(result.datagrams.isEmpty && result.droppedSpanCount == 0)
    }
}
