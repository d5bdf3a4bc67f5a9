import NIOCore
import NIOPosix
import Testing
import TraceProxyExport
import TraceProxyTestSupport
import TraceProxyTracing
import TraceProxyUpstream

@Suite struct HTTPSpanExporterTests {
    @Test func postsTheEncodedBatchWithContentTypeAndConfiguredHeaders() async throws {
        let server = try await TestUpstreamServer.start(routes: [.init("/v1/traces") { _ in .init(status: 200) }])
        let transport = ExportHTTPTransport()
        let exporter = ExportTest.otlpExporter(
            url: server.url("/v1/traces"), transport: transport, stats: ExporterStats(name: "otlp"))

        try await exporter.export(ExportTest.spans(3))
        await exporter.shutdown()

        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.headers.contains { $0.name.lowercased() == "content-type" && $0.value == "application/x-protobuf" })
        #expect(request.headers.contains { $0.name == "x-api-key" && $0.value == "secret" })
        #expect(ExportTest.spanCount(request) == 3)
        try await server.stop()
    }

    @Test func reusesOneConnectionAcrossBatches() async throws {
        let server = try await TestUpstreamServer.start(routes: [.init("/v1/traces") { _ in .init(status: 200) }])
        let transport = ExportHTTPTransport()
        let exporter = ExportTest.otlpExporter(
            url: server.url("/v1/traces"), transport: transport, stats: ExporterStats(name: "otlp"))

        for index in 0..<5 { try await exporter.export([ExportTest.span(index)]) }
        await exporter.shutdown()

        #expect(server.requests.count == 5)
        #expect(server.acceptedConnections == 1)
        try await server.stop()
    }

    @Test func serviceUnavailableWithRetryAfterIsThrottled() async throws {
        let server = try await TestUpstreamServer.start(routes: [
            .init("/v1/traces") { _ in .init(status: 503, headers: [("Retry-After", "7")]) }
        ])
        let transport = ExportHTTPTransport()
        let exporter = ExportTest.otlpExporter(
            url: server.url("/v1/traces"), transport: transport, stats: ExporterStats(name: "otlp"))

        let error = await #expect(throws: ExportError.self) { try await exporter.export([ExportTest.span(0)]) }
        await exporter.shutdown()

        #expect(error?.kind == .throttled)
        #expect(error?.status == 503)
        #expect(error?.retryAfterSeconds == 7)
        #expect(error?.isRetryable == true)
        try await server.stop()
    }

    @Test func badRequestIsRejectedAndNotRetryable() async throws {
        let server = try await TestUpstreamServer.start(routes: [.init("/v1/traces") { _ in .init(status: 400) }])
        let transport = ExportHTTPTransport()
        let exporter = ExportTest.otlpExporter(
            url: server.url("/v1/traces"), transport: transport, stats: ExporterStats(name: "otlp"))

        let error = await #expect(throws: ExportError.self) { try await exporter.export([ExportTest.span(0)]) }
        await exporter.shutdown()

        #expect(error?.kind == .rejected)
        #expect(error?.isRetryable == false)
        try await server.stop()
    }

    @Test func refusedConnectionIsARetryableTransportError() async throws {
        let server = try await TestUpstreamServer.start()
        let url = server.url("/v1/traces")
        try await server.stop()
        let transport = ExportHTTPTransport()
        let exporter = ExportTest.otlpExporter(url: url, transport: transport, stats: ExporterStats(name: "otlp"))

        let error = await #expect(throws: ExportError.self) { try await exporter.export([ExportTest.span(0)]) }
        await exporter.shutdown()

        #expect(error?.kind == .transport)
        #expect(error?.isRetryable == true)
    }

    @Test func slowBackendTimesOut() async throws {
        let server = try await TestUpstreamServer.start()
        let transport = ExportHTTPTransport()
        let exporter = ExportTest.otlpExporter(
            url: server.url("/slow/30000"), transport: transport, stats: ExporterStats(name: "otlp"),
            timeout: .milliseconds(200))

        let error = await #expect(throws: ExportError.self) { try await exporter.export([ExportTest.span(0)]) }
        await exporter.shutdown()

        #expect(error?.kind == .timeout)
        #expect(error?.isRetryable == true)
        try await server.stop()
    }

    @Test func gzipBodiesAreMarkedAndSmaller() async throws {
        let server = try await TestUpstreamServer.start(routes: [.init("/v1/traces") { _ in .init(status: 200) }])
        let transport = ExportHTTPTransport()
        let exporter = HTTPSpanExporter(
            name: "otlp", encoder: OTLPJSONEncoder(), endpoint: server.url("/v1/traces"), resource: ExportTest.resource,
            compression: .gzip, timeout: .seconds(2), transport: transport)

        try await exporter.export(ExportTest.spans(50))
        await exporter.shutdown()

        let request = try #require(server.requests.first)
        #expect(request.headers.contains { $0.name == "Content-Encoding" && $0.value == "gzip" })
        let body = try #require(request.body)
        #expect(Array(body.prefix(2)) == [0x1f, 0x8b])
        var plain = ByteBuffer()
        OTLPJSONEncoder().encode(ExportTest.spans(50), resource: ExportTest.resource, into: &plain)
        #expect(body.count < plain.readableBytes / 4)
        try await server.stop()
    }
}
