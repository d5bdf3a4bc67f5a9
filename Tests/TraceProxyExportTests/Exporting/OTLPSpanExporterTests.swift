import Testing
import TraceProxyExport
import TraceProxyTestSupport

@Suite struct OTLPSpanExporterTests {
    @Test func partialSuccessIsCountedAndNotAnError() async throws {
        // ExportTraceServiceResponse { partial_success (1) { rejected_spans (1): 2, error_message (2): "bad" } }
        let response: [UInt8] = [0x0a, 0x07, 0x08, 0x02, 0x12, 0x03] + Array("bad".utf8)
        let server = try await TestUpstreamServer.start(routes: [
            .init("/v1/traces") { _ in .init(status: 200, headers: [("Content-Type", "application/x-protobuf")], body: response) }
        ])
        let stats = ExporterStats(name: "otlp")
        let exporter = ExportTest.otlpExporter(url: server.url("/v1/traces"), transport: ExportHTTPTransport(), stats: stats)

        try await exporter.export(ExportTest.spans(5))
        await exporter.shutdown()

        #expect(stats.snapshot.rejectedPartial == 2)
        #expect(server.requests.count == 1)
        try await server.stop()
    }

    @Test func jsonPartialSuccessIsCounted() async throws {
        let response = #"{"partialSuccess":{"rejectedSpans":"4","errorMessage":"too old"}}"#
        let server = try await TestUpstreamServer.start(routes: [
            .init("/v1/traces") { _ in .init(status: 200, body: Array(response.utf8)) }
        ])
        let stats = ExporterStats(name: "otlp")
        let exporter = OTLPSpanExporter(
            endpoint: server.url("/v1/traces"), encoding: .json, headers: [], compression: .none, timeout: .seconds(2),
            resource: ExportTest.resource, transport: ExportHTTPTransport(), stats: stats, logger: ExportTest.logger)

        try await exporter.export(ExportTest.spans(5))
        await exporter.shutdown()

        #expect(stats.snapshot.rejectedPartial == 4)
        #expect(server.requests.first?.headers.contains { $0.value == "application/json" } == true)
        try await server.stop()
    }
}
