import Testing
import TraceProxyExport
import TraceProxyTestSupport
import TraceProxyTraceContext
import TraceProxyTracing

@Suite struct DatadogSpanExporterTests {
    @Test func putsV04TracesWithTracerHeadersAndReadsTheAgentRates() async throws {
        let body = #"{"rate_by_service":{"service:export-test,env:":0.25,"service:,env:":0.5}}"#
        let server = try await TestUpstreamServer.start(routes: [
            .init("/v0.4/traces") { _ in
                .init(status: 200, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
            }
        ])
        let rates = DatadogAgentRates()
        let exporter = DatadogSpanExporter(
            agentURL: server.url("/"), timeout: .seconds(2), resource: ExportTest.resource,
            transport: ExportHTTPTransport(), rates: rates, logger: ExportTest.logger)

        try await exporter.export(ExportTest.spans(3))
        await exporter.shutdown()

        let request = try #require(server.requests.first)
        let headers = Dictionary(request.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(request.method == "PUT")
        #expect(request.uri == "/v0.4/traces")
        #expect(headers["content-type"] == "application/msgpack")
        #expect(headers["x-datadog-trace-count"] == "3")
        #expect(headers["datadog-send-real-http-status"] == "1")
        #expect(headers["datadog-meta-tracer-version"] != nil)
        #expect(headers["content-length"] == String(request.bodyLength))
        #expect(rates.rate(service: "export-test", env: nil) == 0.25)
        #expect(rates.rate(service: "other", env: "prod") == 0.5)
        try await server.stop()
    }

    @Test func anAnswerWithoutRatesKeepsTheLastOnes() async throws {
        let server = try await TestUpstreamServer.start(routes: [
            .init("/v0.4/traces") { _ in .init(status: 200, body: Array("{}".utf8)) }
        ])
        let rates = DatadogAgentRates()
        rates.update(["service:,env:": 0.1])
        let exporter = DatadogSpanExporter(
            agentURL: server.url(""), timeout: .seconds(2), resource: ExportTest.resource,
            transport: ExportHTTPTransport(), rates: rates, logger: ExportTest.logger)

        try await exporter.export([ExportTest.span(0)])
        await exporter.shutdown()

        #expect(rates.rate(service: "any", env: nil) == 0.1)
        try await server.stop()
    }
}

@Suite struct DatadogAgentRateSamplerTests {
    static let parent = SpanContext(
        traceID: TraceID(high: 1, low: 2), spanID: SpanID(3), flags: [], isRemote: true)

    @Test func newRootsFollowTheRateForTheirServiceAndEnv() {
        let rates = DatadogAgentRates()
        rates.update(["service:svc,env:prod": 0, "service:,env:": 1])
        let sampler = DatadogAgentRateSampler(rates: rates, service: "svc", env: "prod", fallback: ConstantSampler.alwaysOn)

        let decisions = (1...200).map { sampler.shouldSample(traceID: TraceID(high: 0, low: UInt64($0) &* 0x9E37_79B9_7F4A_7C15), parent: nil) }

        #expect(decisions.allSatisfy { $0 == .drop })
    }

    @Test func newRootsFallBackToTheDefaultKeyThenToTheConfiguredSampler() {
        let rates = DatadogAgentRates()
        let sampler = DatadogAgentRateSampler(rates: rates, service: "svc", env: nil, fallback: ConstantSampler.alwaysOff)
        let trace = TraceID(high: 0, low: 42)

        #expect(sampler.shouldSample(traceID: trace, parent: nil) == .drop)
        rates.update(["service:,env:": 1])
        #expect(sampler.shouldSample(traceID: trace, parent: nil) == .recordAndSample)
    }

    @Test func spansWithAParentAreLeftToTheConfiguredSampler() {
        let rates = DatadogAgentRates()
        rates.update(["service:,env:": 0])
        let sampler = DatadogAgentRateSampler(rates: rates, service: "svc", env: nil, fallback: ConstantSampler.alwaysOn)

        #expect(sampler.shouldSample(traceID: Self.parent.traceID, parent: Self.parent) == .recordAndSample)
    }

    @Test func halfRateKeepsAboutHalf() {
        let kept = (1...10_000).filter {
            DatadogAgentRateSampler.sampled(traceID: TraceID(high: 0, low: UInt64($0) &* 0x9E37_79B9_7F4A_7C15), rate: 0.5)
        }.count

        #expect((4_500...5_500).contains(kept))
    }
}
