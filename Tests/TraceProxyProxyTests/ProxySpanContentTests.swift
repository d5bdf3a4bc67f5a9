import NIOCore
import NIOHTTP1
import TraceProxyTestSupport
import TraceProxyTraceContext
import TraceProxyTracing
import Testing

@testable import TraceProxyProxy

/// What spans record beyond the fixed attributes: captured headers, redaction, probes, client spans,
/// traceresponse, and keep-after-response.
@Suite struct ProxySpanContentTests {
    @Test func capturesChosenHeadersButNeverCredentials() async throws {
        let harness = try await ProxyHarness.start {
            $0.spans = SpanRecordingOptions(
                captureRequestHeaders: ["X-Tenant", "Authorization", "Cookie", "X-Api-Secret"],
                captureResponseHeaders: ["content-type", "set-cookie"],
                redactHeaders: ["x-api-secret"]
            )
        }

        _ = try await harness.request(
            .GET,
            "/headers",
            headers: [("X-Tenant", "acme"), ("Authorization", "Bearer s3cr3t"), ("Cookie", "sid=1"), ("X-Api-Secret", "k")]
        )

        let span = try #require(await harness.spans.waitForServerSpans(count: 1).first)
        #expect(span.attributes["http.request.header.x-tenant"] == .string("acme"))
        let keys = span.attributes.map(\.key)
        #expect(!keys.contains("http.request.header.authorization"))
        #expect(!keys.contains("http.request.header.cookie"))
        #expect(!keys.contains("http.request.header.x-api-secret"))
        #expect(!keys.contains("http.response.header.set-cookie"))
        let recorded = span.attributes.map { "\($0.value)" }.joined(separator: " ")
        #expect(!recorded.contains("s3cr3t") && !recorded.contains("sid=1"))
        try await harness.shutdown()
    }

    @Test(arguments: [
        ("example.com:8080", "example.com", 8080 as Int?),
        ("[::1]:9000", "::1", 9000),
        ("[fe80::1]", "fe80::1", nil),
        ("inventory.internal", "inventory.internal", nil),
        ("host:notaport", "host:notaport", nil),
    ])
    func hostHeaderBecomesServerAddressAndPort(host: String, address: String, port: Int?) async throws {
        let harness = try await ProxyHarness.start()

        _ = try await harness.request(.GET, "/where", headers: [("Host", host)])

        let span = try #require(await harness.spans.waitForServerSpans(count: 1).first)
        #expect(span.attributes["server.address"] == .string(address))
        #expect(span.attributes["server.port"] == port.map { .int(Int64($0)) })
        try await harness.shutdown()
    }

    @Test func secretLookingQueryValuesAreRedacted() async throws {
        let harness = try await ProxyHarness.start()

        _ = try await harness.request(.GET, "/echo?user=7&token=abc123&API_KEY=zzz&page=2")

        let span = try #require(await harness.spans.waitForServerSpans(count: 1).first)
        #expect(span.attributes["url.query"] == .string("user=7&token=REDACTED&API_KEY=REDACTED&page=2"))
        #expect(harness.upstream.requests.last?.uri == "/echo?user=7&token=abc123&API_KEY=zzz&page=2")
        try await harness.shutdown()
    }

    @Test(arguments: [("/healthz", "curl/8"), ("/ready", "kube-probe/1.30")])
    func probesAreNotTracedButStillForwarded(path: String, agent: String) async throws {
        let harness = try await ProxyHarness.start()

        let response = try await harness.request(.GET, path, headers: [("User-Agent", agent)])

        #expect(response.status == 200)
        let headers = try #require(harness.upstream.requests.last).headers
        #expect(!headers.contains { $0.name.lowercased() == "traceparent" })
        try await Task.sleep(for: .milliseconds(100))
        #expect(harness.spans.finishedSpans.isEmpty)
        try await harness.shutdown()
    }

    @Test func clientSpanCarriesTheUpstreamPhases() async throws {
        let harness = try await ProxyHarness.start()

        _ = try await harness.request(.GET, "/slow/30")

        _ = await harness.spans.waitForServerSpans(count: 1)
        let spans = harness.spans.finishedSpans
        let server = try #require(spans.first { $0.kind == .server })
        let client = try #require(spans.first { $0.kind == .client })
        #expect(client.parentSpanID == server.spanID)
        #expect(client.startTimeUnixNano >= server.startTimeUnixNano)
        #expect(client.endTimeUnixNano <= server.endTimeUnixNano)
        #expect(client.durationNanoseconds >= 30_000_000)
        for key in ["dns_us", "connect_us", "tls_us", "first_byte_us", "transfer_us", "total_us"] {
            #expect(client.attributes["traceproxy.upstream." + key] != nil, "missing \(key)")
        }
        if case .int(let firstByte) = client.attributes["traceproxy.upstream.first_byte_us"] {
            #expect(firstByte >= 30_000)
        }
        #expect(client.attributes["network.peer.address"] == .string("127.0.0.1"))
        try await harness.shutdown()
    }

    @Test func clientSpansCanBeTurnedOff() async throws {
        let harness = try await ProxyHarness.start { $0.spans = SpanRecordingOptions(clientSpans: false) }

        _ = try await harness.request(.GET, "/echo")

        let server = try #require(await harness.spans.waitForServerSpans(count: 1).first)
        #expect(harness.spans.finishedSpans.count == 1)
        let forwarded = harness.upstream.requests.last?.headers.first { $0.name.lowercased() == "traceparent" }?.value
        #expect(forwarded?.contains(server.spanID.hexString) == true)
        try await harness.shutdown()
    }

    @Test func traceResponseTellsTheCallerTheTrace() async throws {
        let harness = try await ProxyHarness.start { $0.spans = SpanRecordingOptions(traceResponse: true) }

        let response = try await harness.request(.GET, "/echo")

        let server = try #require(await harness.spans.waitForServerSpans(count: 1).first)
        #expect(response.headers["traceresponse"] == ["00-\(server.traceID.hexString)-\(server.spanID.hexString)-03"])
        try await harness.shutdown()
    }

    @Test func unsampledErrorsAreKeptWhenAsked() async throws {
        let harness = try await ProxyHarness.start(sampler: ConstantSampler.alwaysOff) {
            $0.spans = SpanRecordingOptions(keepErrors: true)
        }

        _ = try await harness.request(.GET, "/status/200")
        _ = try await harness.request(.GET, "/status/500")

        let spans = await harness.spans.waitForServerSpans(count: 1)
        try await Task.sleep(for: .milliseconds(100))
        #expect(harness.spans.finishedSpans.filter { $0.kind == .server }.count == 1)
        #expect(spans.first?.attributes["http.response.status_code"] == .int(500))
        #expect(spans.first?.traceFlags.isSampled == true)
        try await harness.shutdown()
    }

    @Test func unsampledSlowRequestsAreKeptWhenAsked() async throws {
        let harness = try await ProxyHarness.start(sampler: ConstantSampler.alwaysOff) {
            $0.spans = SpanRecordingOptions(keepSlowerThan: .seconds(1))
        }

        _ = try await harness.request(.GET, "/echo/fast")
        _ = try await harness.request(.GET, "/slow/2500")

        let spans = await harness.spans.waitForServerSpans(count: 1)
        try await Task.sleep(for: .milliseconds(100))
        #expect(harness.spans.finishedSpans.filter { $0.kind == .server }.map { $0.attributes["url.path"] } == [.string("/slow/2500")])
        #expect(spans.count == 1)
        try await harness.shutdown()
    }
}
