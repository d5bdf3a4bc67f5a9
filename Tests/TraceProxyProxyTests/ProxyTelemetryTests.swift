import NIOCore
import NIOHTTP1
import TraceProxyTestSupport
import TraceProxyTraceContext
import TraceProxyTracing
import Testing

/// One server span per request, joined to the caller's trace, and the upstream sees the proxy as its parent.
@Suite struct ProxyTelemetryTests {
    static let callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let callerSpan = "00f067aa0ba902b7"

    @Test func continuesAValidIncomingTrace() async throws {
        let harness = try await ProxyHarness.start()

        _ = try await harness.request(
            .GET,
            "/echo/items/42?color=red",
            headers: [
                ("traceparent", "00-\(Self.callerTrace)-\(Self.callerSpan)-01"), ("tracestate", "congo=t61rcWkgMzE"),
                ("User-Agent", "telemetry-test/1.0"),
            ]
        )

        let span = try #require(await harness.spans.waitForServerSpans(count: 1).first)
        #expect(span.traceID.hexString == Self.callerTrace)
        #expect(span.parentSpanID?.hexString == Self.callerSpan)
        #expect(span.parentIsRemote)
        #expect(span.kind == .server)
        #expect(span.name == "GET")
        #expect(span.traceFlags.isSampled)
        #expect(span.traceState == "congo=t61rcWkgMzE")

        let headers = try #require(harness.upstream.requests.last).headers
        let forwarded = headers.filter { $0.name.lowercased() == "traceparent" }.map(\.value)
        let client = try #require(harness.spans.finishedSpans.first { $0.kind == .client })
        #expect(client.parentSpanID == span.spanID)
        #expect(client.traceID == span.traceID)
        #expect(forwarded == ["00-\(Self.callerTrace)-\(client.spanID.hexString)-01"])
        #expect(headers.filter { $0.name.lowercased() == "tracestate" }.map(\.value) == ["congo=t61rcWkgMzE"])

        let attributes = span.attributes
        #expect(attributes["http.request.method"] == .string("GET"))
        #expect(attributes["url.path"] == .string("/echo/items/42"))
        #expect(attributes["url.query"] == .string("color=red"))
        #expect(attributes["url.scheme"] == .string("http"))
        #expect(attributes["http.response.status_code"] == .int(200))
        #expect(attributes["server.address"] == .string("127.0.0.1"))
        #expect(attributes["client.address"] == .string("127.0.0.1"))
        #expect(attributes["user_agent.original"] == .string("telemetry-test/1.0"))
        #expect(attributes["network.protocol.version"] == .string("1.1"))
        #expect(attributes["traceproxy.upstream.total_us"] != nil)
        #expect(attributes["traceproxy.upstream.first_byte_us"] != nil)
        #expect(attributes["traceproxy.upstream.connect_us"] != nil)
        #expect(span.endTimeUnixNano > span.startTimeUnixNano)
        #expect(span.status == .unset)
        try await harness.shutdown()
    }

    @Test(arguments: [
        nil,
        "00-\(callerTrace)-\(callerSpan)",
        "00-00000000000000000000000000000000-\(callerSpan)-01",
        "00-\(callerTrace.uppercased())-\(callerSpan)-01",
        "ff-\(callerTrace)-\(callerSpan)-01",
    ])
    func startsANewTraceWhenTheIncomingOneIsAbsentOrInvalid(traceparent: String?) async throws {
        let harness = try await ProxyHarness.start()

        _ = try await harness.request(
            .GET,
            "/echo",
            headers: (traceparent.map { [("traceparent", $0), ("tracestate", "a=b")] } ?? [])
        )

        let span = try #require(await harness.spans.waitForServerSpans(count: 1).first)
        #expect(span.parentSpanID == nil)
        #expect(span.traceID.hexString != Self.callerTrace)
        #expect(span.traceState.isEmpty, "tracestate is dropped with an invalid traceparent")
        let headers = try #require(harness.upstream.requests.last).headers
        let client = try #require(harness.spans.finishedSpans.first { $0.kind == .client })
        #expect(headers.filter { $0.name.lowercased() == "traceparent" }.map(\.value) == ["00-\(span.traceID.hexString)-\(client.spanID.hexString)-03"])
        #expect(!headers.contains { $0.name.lowercased() == "tracestate" })
        try await harness.shutdown()
    }

    @Test func anUnsampledCallerIsHonoured() async throws {
        let harness = try await ProxyHarness.start()

        _ = try await harness.request(.GET, "/echo", headers: [("traceparent", "00-\(Self.callerTrace)-\(Self.callerSpan)-00")])

        let headers = try #require(harness.upstream.requests.last).headers
        let forwarded = try #require(headers.first { $0.name.lowercased() == "traceparent" }?.value)
        #expect(forwarded.hasPrefix("00-\(Self.callerTrace)-") && forwarded.hasSuffix("-00"))
        try await Task.sleep(for: .milliseconds(100))
        #expect(harness.spans.finishedSpans.isEmpty, "an unsampled span is not exported")
        try await harness.shutdown()
    }

    @Test func serverErrorsMarkTheSpanAsError() async throws {
        let harness = try await ProxyHarness.start()

        _ = try await harness.request(.GET, "/status/503")
        _ = try await harness.request(.GET, "/status/404")

        let spans = await harness.spans.waitForServerSpans(count: 2)
        let byStatus = Dictionary(uniqueKeysWithValues: spans.map { ($0.attributes["http.response.status_code"]?.description ?? "", $0) })
        #expect(byStatus["503"]?.status.isError == true)
        #expect(byStatus["404"]?.status == .unset, "4xx are the client's errors, not the server's")
        try await harness.shutdown()
    }

    @Test func everyRequestGetsExactlyOneSpan() async throws {
        let harness = try await ProxyHarness.start()
        let connection = try await harness.connect()

        for _ in 0..<100 { _ = try await connection.request(.GET, "/") }

        let spans = await harness.spans.waitForServerSpans(count: 100)
        #expect(spans.count == 100)
        #expect(Set(spans.map(\.spanID)).count == 100)
        await connection.close()
        try await harness.shutdown()
    }
}
