import NIOCore
import NIOHTTP1
import NIOPosix
import TraceProxyTestSupport
import TraceProxyTracing
import TraceProxyUpstream
import Testing

/// Every failure gets a clear answer, and the span says what went wrong.
@Suite struct ProxyFailureTests {
    @Test func refusedConnectionAnswers502WithOneLine() async throws {
        let closedPort = try await Self.portWithNothingListening()
        let harness = try await ProxyHarness.start(upstreamURL: "http://127.0.0.1:\(closedPort)")

        let response = try await harness.request(.GET, "/anything")

        #expect(response.status == 502)
        #expect(response.bodyString == "upstream connection refused\n")
        let span = try #require(await harness.spans.waitForServerSpans(count: 1).first)
        #expect(span.status.isError)
        #expect(span.attributes["error.type"] == .string("upstream_unreachable"))
        #expect(span.attributes["http.response.status_code"] == .int(502))
        try await harness.shutdown()
    }

    @Test func silentUpstreamAnswers504AfterTheUpstreamTimeout() async throws {
        var client = CurlUpstreamClient.Configuration.default
        client.responseTimeout = .milliseconds(300)
        let harness = try await ProxyHarness.start(client: client)

        let started = ContinuousClock.now
        let response = try await harness.request(.GET, "/slow/20000")

        #expect(response.status == 504)
        #expect(response.bodyString == "upstream timed out\n")
        #expect(ContinuousClock.now - started < .seconds(15))
        let span = try #require(await harness.spans.waitForServerSpans(count: 1).first)
        #expect(span.attributes["error.type"] == .string("upstream_timeout"))
        try await harness.shutdown()
    }

    @Test func resetMidResponseClosesTheClientConnectionAndMarksTheSpan() async throws {
        let harness = try await ProxyHarness.start()

        let raw = try await harness.raw("GET /reset-mid-body HTTP/1.1\r\nHost: x\r\n\r\n")

        #expect(raw.hasPrefix("HTTP/1.1 200"))
        #expect(raw.lowercased().contains("content-length: 1000"))
        let body = raw.split(separator: "\r\n\r\n", maxSplits: 1).last ?? ""
        #expect(body.utf8.count < 1000, "the client must see a truncated body, then a close")
        let span = try #require(await harness.spans.waitForServerSpans(count: 1).first)
        #expect(span.status.isError)
        #expect(span.attributes["error.type"] == .string("upstream_protocol_error"))
        try await harness.shutdown()
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "400"),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", "400"),
        ("GET / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n", "400"),
        ("GARBAGE\r\n\r\n", "400"),
        ("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 40000))\r\n\r\n", "431"),
    ])
    func malformedRequestsGetAClientErrorWithAReason(request: String, status: String) async throws {
        let harness = try await ProxyHarness.start()

        let response = try await harness.raw(request)

        #expect(response.hasPrefix("HTTP/1.1 \(status)"), "got: \(response.prefix(200))")
        let body = response.split(separator: "\r\n\r\n", maxSplits: 1).last.map(String.init) ?? ""
        #expect(!body.isEmpty && body.hasSuffix("\n") && body.split(separator: "\n").count == 1)
        #expect(harness.upstream.requests.isEmpty, "a rejected request must not reach the upstream")
        try await harness.shutdown()
    }

    @Test func slowHeadersAreCutOffWith408() async throws {
        let harness = try await ProxyHarness.start { $0.headerTimeout = .milliseconds(300) }

        let started = ContinuousClock.now
        let response = try await harness.raw("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: never-ends", timeout: .seconds(20))

        #expect(response.hasPrefix("HTTP/1.1 408"))
        #expect(ContinuousClock.now - started < .seconds(15))
        try await harness.shutdown()
    }

    @Test func slowSecondHeadOnAKeptAliveConnectionGets408() async throws {
        // The idle timeout is far longer than the header timeout: the one per-connection timer must still
        // wake up for the second head's shorter deadline.
        let harness = try await ProxyHarness.start {
            $0.headerTimeout = .milliseconds(300)
            $0.idleTimeout = .seconds(120)
        }

        let started = ContinuousClock.now
        // The second head starts after the first response went out, and never ends.
        let bytes = try await TestHTTPClient.rawExchange(
            port: harness.port,
            sending: Array("GET /first HTTP/1.1\r\nHost: x\r\n\r\n".utf8),
            later: Array("GET /second HTTP/1.1\r\nHost: x\r\nX-Slow: never-ends".utf8),
            pause: .milliseconds(500),
            timeout: .seconds(20)
        )
        let response = String(decoding: bytes, as: UTF8.self)

        #expect(response.hasPrefix("HTTP/1.1 200"))
        #expect(response.contains("HTTP/1.1 408 Request Timeout"))
        #expect(ContinuousClock.now - started < .seconds(15))
        try await harness.shutdown()
    }

    @Test func keptAliveConnectionsAreClosedWhenIdleAfterARequest() async throws {
        // Long enough that a starved test process still sends its request before the proxy gives up on it.
        let harness = try await ProxyHarness.start {
            $0.headerTimeout = .seconds(120)
            $0.idleTimeout = .seconds(2)
        }

        let started = ContinuousClock.now
        let response = try await harness.raw("GET /only HTTP/1.1\r\nHost: x\r\n\r\n", timeout: .seconds(20))

        // The read ends because the proxy closed the connection, not because the client timed out.
        #expect(response.hasPrefix("HTTP/1.1 200"))
        #expect(ContinuousClock.now - started < .seconds(15))
        try await harness.shutdown()
    }

    @Test func idleKeepAliveConnectionsAreClosed() async throws {
        let harness = try await ProxyHarness.start { $0.idleTimeout = .milliseconds(300) }

        // Connect and send nothing: the proxy hangs up long before the client gives up.
        let started = ContinuousClock.now
        // The write itself may fail when the proxy hung up first: that is the behaviour under test too.
        let received = (try? await TestHTTPClient.rawExchange(port: harness.port, sending: [], timeout: .seconds(20))) ?? []

        #expect(received.isEmpty)
        #expect(ContinuousClock.now - started < .seconds(15))
        try await harness.shutdown()
    }

    @Test func clientsThatLeaveMidResponseFreeTheirTransfers() async throws {
        let harness = try await ProxyHarness.start()

        for _ in 0..<200 {
            // Ask for far more than we read, then hang up.
            _ = try? await harness.raw("GET /bytes/50000000 HTTP/1.1\r\nHost: x\r\n\r\n", timeout: .milliseconds(5))
        }
        for _ in 0..<50 {
            _ = try? await harness.raw("POST /sink HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\npartial", timeout: .milliseconds(5))
        }

        let deadline = ContinuousClock.now + .seconds(10)
        while harness.client.activeTransfers > 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(harness.client.activeTransfers == 0)
        #expect(harness.client.createdHandles <= 64, "handles are pooled, not leaked: \(harness.client.createdHandles)")
        try await harness.shutdown()
    }

    static func portWithNothingListening() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 1
        try await channel.close()
        return port
    }
}
