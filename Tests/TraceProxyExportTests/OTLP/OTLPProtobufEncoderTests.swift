import NIOCore
import Testing
import TraceProxyExport
import TraceProxyTraceContext
import TraceProxyTracing
import TraceProxyJSON

@Suite struct OTLPProtobufEncoderTests {
    private func decodedSpans() throws -> [ProtobufMessage] {
        let request = try ProtobufMessage(Fixtures.encode(OTLPProtobufEncoder()))
        let resourceSpans = try request.messages(1)
        #expect(resourceSpans.count == 1)
        let scopeSpans = try resourceSpans[0].messages(2)
        #expect(scopeSpans.count == 1)
        return try scopeSpans[0].messages(2)
    }

    @Test func matchesTheGoldenFile() {
        Golden.expectMatches(Fixtures.encode(OTLPProtobufEncoder()), file: "otlp.binpb.hex")
    }

    @Test func putsServiceAndSDKInTheResourceAndOneScope() throws {
        let request = try ProtobufMessage(Fixtures.encode(OTLPProtobufEncoder()))
        let resourceSpans = try #require(try request.messages(1).first)
        let attributes = try #require(try resourceSpans.message(1)).messages(1)
        let keys = attributes.map { $0.string(1) }
        #expect(keys.first == "service.name")
        #expect(keys.contains("telemetry.sdk.name") && keys.contains("service.instance.id"))
        let scope = try #require(try resourceSpans.message(2)?.message(1))
        #expect(scope.string(1) == "traceproxy")
        #expect(scope.string(2) == "0.1.0")
    }

    @Test func writesIdsAsRawBigEndianBytesAndLeavesRootParentEmpty() throws {
        let spans = try self.decodedSpans()
        #expect(spans.count == 4)
        #expect(Array(spans[0].bytes(1)[0].readableBytesView) == Fixtures.traceA.bytes)
        #expect(Array(spans[0].bytes(2)[0].readableBytesView) == Fixtures.serverWithRemoteParent.spanID.bytes)
        #expect(Array(spans[0].bytes(4)[0].readableBytesView) == SpanID(0x00f0_67aa_0ba9_02b7).bytes)
        // The local root (index 1) and nobody else has no parent_span_id at all, not 8 zero bytes.
        #expect(spans.map { $0.bytes(4).count } == [1, 0, 1, 1])
    }

    @Test func setsFlagsBitsForParentRemoteness() throws {
        // 0x100: remoteness known; 0x200: remote parent; low byte: W3C flags.
        #expect(try self.decodedSpans().map { $0.fixed32(16) } == [0x303, 0x100, 0x103, 0x100])
    }

    @Test func writesKindStatusAndTraceStateByTheProto3Rules() throws {
        let spans = try self.decodedSpans()
        #expect(spans.map { $0.varint(6) } == [2, 2, 3, 1])
        #expect(
            spans.map { $0.string(3) } == [
                "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7", nil, "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7", nil,
            ]
        )
        // UNSET: no status message at all.
        #expect(spans[0].bytes(15).isEmpty && spans[3].bytes(15).isEmpty)
        let ok = try #require(try spans[1].message(15))
        #expect(ok.varint(3) == 1 && ok.string(2) == nil)
        let error = try #require(try spans[2].message(15))
        #expect(error.varint(3) == 2 && error.string(2) == "upstream answered 503")
        #expect(spans[0].fixed64(7) == 1_700_000_000_123_456_789)
        #expect(spans[0].fixed64(8) == 1_700_000_000_135_802_359)
    }

    @Test func writesFieldsInFieldNumberOrder() throws {
        let numbers = try self.decodedSpans()[0].numbers
        #expect(numbers == numbers.sorted())
        #expect(numbers.last == 16)
    }

    @Test func typesEveryAttributeValue() throws {
        let attributes = try self.decodedSpans()[1].messages(9)
        let values = try attributes.map { try #require(try $0.message(2)) }
        #expect(attributes.map { $0.string(1) } == Fixtures.rootWithEveryAttributeType.attributes.map(\.key))
        #expect(values[0].string(1) == "quote \" backslash \\ newline \n tab \t bell \u{07} é 🚀")
        #expect(values[1].numbers == [1] && values[1].string(1) == "")  // a oneof member is sent even when empty
        #expect(values[2].varint(3).map { Int64(bitPattern: $0) } == -42)
        #expect(values[3].varint(3) == UInt64(Int64.max))
        #expect(values[4].fixed64(4).map { Double(bitPattern: $0) } == 3.25)
        #expect(values[6].varint(2) == 1)
        #expect(values[7].numbers == [2] && values[7].varint(2) == 0)
    }

    @Test func encodesAnEmptyBatchAsAnEmptyRequest() {
        var buffer = ByteBuffer()
        OTLPProtobufEncoder().encode([FinishedSpan](), resource: Fixtures.resource, into: &buffer)
        #expect(buffer.readableBytes == 0)
    }

    @Test func appendsAfterExistingBytes() throws {
        var buffer = ByteBuffer(string: "prefix")
        OTLPProtobufEncoder().encode(Fixtures.batch, resource: Fixtures.resource, into: &buffer)
        #expect(buffer.readString(length: 6) == "prefix")
        #expect(buffer == Fixtures.encode(OTLPProtobufEncoder()))
    }

    @Test func measuresEncodingSpeed() {
        // Prints only: timing depends on the machine, its load and the build configuration, so it never fails.
        // Thread CPU time is reported too, because other builds on a shared machine distort wall time.
        #if DEBUG
        let (count, rounds) = (2_000, 2)
        #else
        let (count, rounds) = (20_000, 20)
        #endif
        let spans = (0..<count).map { index -> FinishedSpan in
            var span = index.isMultiple(of: 2) ? Fixtures.serverWithRemoteParent : Fixtures.clientWithError
            span.spanID = SpanID(UInt64(index + 1))
            return span
        }
        let encoder = OTLPProtobufEncoder()
        var buffer = ByteBuffer()
        buffer.reserveCapacity(spans.count * 600)
        let clock = ContinuousClock()
        let cpuStart = CPUTime.now()
        let elapsed = clock.measure {
            for _ in 0..<rounds {
                buffer.clear()
                encoder.encode(spans, resource: Fixtures.resource, into: &buffer)
            }
        }
        let cpuSeconds = CPUTime.now() - cpuStart
        let wallSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let encoded = Double(count * rounds)
        print(
            "OTLP protobuf encoding: \(Int(encoded / wallSeconds)) spans/s wall, \(Int(encoded / cpuSeconds)) spans/s CPU,",
            "\(buffer.readableBytes / count) bytes/span"
        )
        #expect(buffer.readableBytes > 0)
    }
}

@Suite struct OTLPPartialSuccessTests {
    @Test func readsPartialSuccessFromProtobuf() throws {
        var writer = ProtobufWriter()
        let message = "2 spans had empty names"
        let inner = 2 + ProtobufWriter.stringFieldSize(field: 2, message)
        writer.writeLengthDelimitedHeader(field: 1, payloadSize: inner)
        writer.writeInt64Field(field: 1, 2)
        writer.writeStringField(field: 2, message)
        writer.writeStringField(field: 9, "unknown fields are skipped")
        #expect(
            try OTLPPartialSuccess.decode(protobuf: writer.buffer)
                == OTLPPartialSuccess(rejectedSpans: 2, errorMessage: message)
        )
    }

    @Test func treatsAnEmptyResponseAsFullSuccess() throws {
        #expect(try OTLPPartialSuccess.decode(protobuf: ByteBuffer()) == nil)
        #expect(try OTLPPartialSuccess.decode(json: ByteBuffer()) == nil)
        #expect(try OTLPPartialSuccess.decode(json: ByteBuffer(string: "{}")) == nil)
    }

    @Test func readsPartialSuccessFromJSONWithStringOrNumberCounts() throws {
        let asString = ByteBuffer(string: #"{"partialSuccess":{"rejectedSpans":"3","errorMessage":"dropped"}}"#)
        #expect(
            try OTLPPartialSuccess.decode(json: asString)
                == OTLPPartialSuccess(rejectedSpans: 3, errorMessage: "dropped")
        )
        let asNumber = ByteBuffer(string: #"{"partialSuccess":{"errorMessage":"warning only"}}"#)
        #expect(
            try OTLPPartialSuccess.decode(json: asNumber)
                == OTLPPartialSuccess(rejectedSpans: 0, errorMessage: "warning only")
        )
    }

    @Test func rejectsMalformedBodies() {
        #expect(throws: ProtobufReader.DecodingError.self) {
            try OTLPPartialSuccess.decode(protobuf: ByteBuffer(bytes: [0x0A, 0x09]))
        }
        #expect(throws: JSONReader.ParseError.self) {
            try OTLPPartialSuccess.decode(json: ByteBuffer(string: "{\"partialSuccess\":"))
        }
    }
}
