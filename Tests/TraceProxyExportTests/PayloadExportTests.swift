import Foundation
import NIOCore
import Testing
import TraceProxyExport
import TraceProxyTraceContext
import TraceProxyTracing

/// Writes every encoder's output for the fixture batch where Tests/python/test_encoders.py reads it,
/// and runs those decoder checks when TRACEPROXY_DECODER_PYTHON names a Python with the decoders installed.
@Suite(.serialized) struct PayloadExportTests {
    static let decoderPython = ProcessInfo.processInfo.environment["TRACEPROXY_DECODER_PYTHON"]

    static func writePayloads() throws {
        try PayloadDirectory.write(Fixtures.encode(OTLPProtobufEncoder()), as: "otlp.binpb")
        try PayloadDirectory.write(Fixtures.encode(OTLPJSONEncoder()), as: "otlp.json")
        try PayloadDirectory.write(Fixtures.encode(JaegerThriftEncoder()), as: "jaeger-collector.thrift")
        try PayloadDirectory.write(Fixtures.encode(DatadogMsgpackEncoder()), as: "datadog-v04.msgpack")
        // The request headers too, so a check against a running test agent sends exactly what we would.
        var headers = JSONWriter()
        headers.writeByte(UInt8(ascii: "{"))
        let traceCount = DatadogTraceChunk.count(Fixtures.batch)
        for (index, header) in DatadogMsgpackEncoder().headers(traceCount: traceCount).enumerated() {
            if index > 0 { headers.writeByte(UInt8(ascii: ",")) }
            headers.writeString(header.name)
            headers.writeByte(UInt8(ascii: ":"))
            headers.writeString(header.value)
        }
        headers.writeByte(UInt8(ascii: "}"))
        try PayloadDirectory.write(headers.buffer, as: "datadog-v04.headers.json")
        try PayloadDirectory.write(Fixtures.encode(ZipkinJSONEncoder()), as: "zipkin.json")
        try PayloadDirectory.write(Fixtures.encode(ConsoleJSONEncoder()), as: "console.ndjson")
        let agent = JaegerThriftEncoder().agentDatagrams(Fixtures.batch, resource: Fixtures.resource)
        try PayloadDirectory.write(agent.datagrams[0], as: "jaeger-agent.thrift")

        // A split batch: 120 spans of about 2 kB each, as several datagrams.
        let big = String(repeating: "x", count: 2_000)
        let many = (1...120).map { index -> FinishedSpan in
            var span = Fixtures.internalChild
            span.spanID = SpanID(UInt64(index))
            span.attributes = [.string("payload", big)]
            return span
        }
        let split = JaegerThriftEncoder().agentDatagrams(many, resource: Fixtures.resource)
        for (index, datagram) in split.datagrams.enumerated() {
            try PayloadDirectory.write(datagram, as: "jaeger-agent-split-\(index).thrift")
        }
    }

    @Test func writesPayloadsForTheReferenceDecoders() throws {
        try Self.writePayloads()
        let written = try FileManager.default.contentsOfDirectory(atPath: PayloadDirectory.url.path)
        #expect(written.contains("otlp.binpb") && written.contains("jaeger-agent-split-0.thrift"))
    }

    @Test(
        .enabled(
            if: Self.decoderPython != nil,
            "set TRACEPROXY_DECODER_PYTHON to a Python with Tests/python/requirements-decoders.txt"
        )
    )
    func referenceDecodersAgreeWithTheFixture() throws {
        try Self.writePayloads()
        let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.decoderPython))
        process.arguments = ["-m", "pytest", "-q", testsDirectory.appendingPathComponent("python").path]
        var environment = ProcessInfo.processInfo.environment
        environment["TRACEPROXY_PAYLOAD_DIR"] = PayloadDirectory.url.path
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "pytest Tests/python failed; run it directly to see why")
    }
}
