import NIOCore
import NIOHTTP1
import TraceProxyTestSupport
import Testing

/// What the client sends reaches the upstream unchanged, and what the upstream answers comes back unchanged.
@Suite struct ProxyTransparencyTests {
    static let methods: [HTTPMethod] = [.GET, .HEAD, .POST, .PUT, .PATCH, .DELETE, .OPTIONS, .RAW(value: "PURGE")]

    @Test(arguments: methods, [false, true])
    func everyMethodIsForwardedWithItsBody(method: HTTPMethod, withBody: Bool) async throws {
        let harness = try await ProxyHarness.start()
        let body: [UInt8]? = withBody ? Array("payload for \(method.rawValue)".utf8) : nil

        let response = try await harness.request(method, "/echo/x?y=1", body: body)

        #expect(response.status == 200)
        let seen = try #require(harness.upstream.requests.last)
        #expect(seen.method == method.rawValue)
        #expect(seen.uri == "/echo/x?y=1")
        if method != .HEAD {
            #expect(seen.body == (body ?? []))
            #expect(response.body == (body ?? []))
        } else {
            // A HEAD body has no defined meaning; the proxy drops it rather than confuse the upstream.
            #expect(seen.body == [])
            #expect(response.body.isEmpty)
        }
        try await harness.shutdown()
    }

    @Test func requestTargetReachesTheUpstreamByteForByte() async throws {
        let harness = try await ProxyHarness.start()
        let target = "/echo/a/../b/./c//d?x=%2F&y=a+b&z=%zz&empty=&&flag"

        _ = try await harness.request(.GET, target)

        #expect(harness.upstream.requests.last?.uri == target)
        try await harness.shutdown()
    }

    @Test func upstreamSeesOnlyTheClientsHeadersPlusForwardingAndTraceHeaders() async throws {
        let harness = try await ProxyHarness.start()
        let sent: [(String, String)] = [
            ("User-Agent", "test-agent/1"), ("X-Custom", "one"), ("x-custom", "two"), ("Content-Type", "text/plain"),
        ]

        _ = try await harness.request(.POST, "/echo", headers: sent, body: Array("hi".utf8))

        let seen = try #require(harness.upstream.requests.last)
        let names = seen.headers.map { $0.name.lowercased() }
        #expect(
            names == [
                "host", "user-agent", "x-custom", "x-custom", "content-type", "content-length", "x-forwarded-for",
                "x-forwarded-proto", "x-forwarded-host", "traceparent",
            ]
        )
        #expect(seen.headers.filter { $0.name.lowercased() == "x-custom" }.map(\.value) == ["one", "two"])
        #expect(!names.contains("accept"))
        #expect(!names.contains("expect"))
        try await harness.shutdown()
    }

    @Test func hopByHopRequestHeadersAreRemoved() async throws {
        let harness = try await ProxyHarness.start()
        let raw =
            "GET /echo HTTP/1.1\r\nHost: example.test\r\nConnection: close, X-Hop\r\nX-Hop: secret\r\n"
            + "Keep-Alive: timeout=5\r\nTE: trailers\r\nProxy-Connection: keep-alive\r\nUpgrade: h2c\r\nX-Kept: yes\r\n\r\n"

        let response = try await harness.raw(raw)

        #expect(response.hasPrefix("HTTP/1.1 200"))
        let names = Set(try #require(harness.upstream.requests.last).headers.map { $0.name.lowercased() })
        for dropped in ["connection", "x-hop", "keep-alive", "te", "proxy-connection", "upgrade"] {
            #expect(!names.contains(dropped), "\(dropped) was forwarded")
        }
        #expect(names.contains("x-kept"))
        try await harness.shutdown()
    }

    @Test func forwardedHeadersAreAppendedAndSet() async throws {
        let harness = try await ProxyHarness.start()

        _ = try await harness.request(
            .GET,
            "/echo",
            headers: [("Host", "shop.example:8443"), ("X-Forwarded-For", "203.0.113.9"), ("X-Forwarded-Proto", "https")]
        )

        let headers = try #require(harness.upstream.requests.last).headers
        func value(_ name: String) -> [String] { headers.filter { $0.name.lowercased() == name }.map(\.value) }
        #expect(value("host") == ["shop.example:8443"])
        #expect(value("x-forwarded-for") == ["203.0.113.9, 127.0.0.1"])
        #expect(value("x-forwarded-proto") == ["http"])
        #expect(value("x-forwarded-host") == ["shop.example:8443"])
        try await harness.shutdown()
    }

    @Test func rewriteHostSendsTheUpstreamsHost() async throws {
        let harness = try await ProxyHarness.start { $0.upstream.rewriteHost = true }

        _ = try await harness.request(.GET, "/echo", headers: [("Host", "shop.example")])

        let headers = try #require(harness.upstream.requests.last).headers
        #expect(headers.filter { $0.name.lowercased() == "host" }.map(\.value) == ["127.0.0.1:\(harness.upstream.port)"])
        try await harness.shutdown()
    }

    @Test func repeatedResponseHeadersKeepTheirOrder() async throws {
        let harness = try await ProxyHarness.start()

        let response = try await harness.request(.GET, "/headers")

        #expect(response.headers["set-cookie"].count == 3)
        #expect(response.headers["set-cookie"] == (try await directResponse(harness, "/headers")).headers["set-cookie"])
        try await harness.shutdown()
    }

    @Test func compressedBodiesPassThroughUndecoded() async throws {
        let harness = try await ProxyHarness.start()

        let response = try await harness.request(.GET, "/gzip", headers: [("Accept-Encoding", "gzip")])

        #expect(response.headers["content-encoding"] == ["gzip"])
        #expect(response.body == TestUpstreamServer.gzipBody)
        try await harness.shutdown()
    }

    @Test func redirectsAreReturnedNotFollowed() async throws {
        let harness = try await ProxyHarness.start()

        let response = try await harness.request(.GET, "/status/302")

        #expect(response.status == 302)
        #expect(response.headers["location"] == ["/elsewhere"])
        #expect(harness.upstream.requests.count == 1)
        try await harness.shutdown()
    }

    @Test(arguments: ["/status/204", "/status/304"])
    func bodylessStatusesCarryNoBody(target: String) async throws {
        let harness = try await ProxyHarness.start()

        let raw = try await harness.raw("GET \(target) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")

        #expect(raw.hasSuffix("\r\n\r\n"), "unexpected bytes after the head: \(raw)")
        #expect(raw.hasPrefix("HTTP/1.1 \(target.dropFirst(8))"))
        #expect(!raw.lowercased().contains("transfer-encoding"))
        try await harness.shutdown()
    }

    @Test func headResponseCarriesTheHeadersButNoBody() async throws {
        let harness = try await ProxyHarness.start()

        let raw = try await harness.raw("HEAD /bytes/5000 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")

        #expect(raw.lowercased().contains("content-length: 5000"))
        #expect(raw.hasSuffix("\r\n\r\n"))
        try await harness.shutdown()
    }

    @Test func interimResponsesAreNotPassedOnAsFinal() async throws {
        let harness = try await ProxyHarness.start()

        let response = try await harness.request(.POST, "/continue", body: Array("body".utf8))

        #expect(response.status == 200)
        #expect(response.bodyString == "continued")
        try await harness.shutdown()
    }

    @Test func expectContinueIsAnsweredByTheProxyAndNotForwarded() async throws {
        let harness = try await ProxyHarness.start()
        let raw =
            "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"

        let response = try await harness.raw(raw)

        #expect(response.hasPrefix("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200"))
        #expect(response.hasSuffix("hello"))
        let names = try #require(harness.upstream.requests.last).headers.map { $0.name.lowercased() }
        #expect(!names.contains("expect"))
        try await harness.shutdown()
    }

    @Test func absoluteFormTargetsGoOnlyToTheConfiguredUpstream() async throws {
        let harness = try await ProxyHarness.start()

        let response = try await harness.raw(
            "GET http://evil.example:9999/echo/abs?q=1 HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
        )

        #expect(response.hasPrefix("HTTP/1.1 200"))
        #expect(harness.upstream.requests.last?.uri == "/echo/abs?q=1")
        try await harness.shutdown()
    }

    @Test func connectIsRefused() async throws {
        let harness = try await ProxyHarness.start()

        let response = try await harness.raw("CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n")

        #expect(response.hasPrefix("HTTP/1.1 405"))
        #expect(harness.upstream.requests.isEmpty)
        try await harness.shutdown()
    }

    @Test func upstreamBasePathIsPrefixed() async throws {
        let upstream = try await TestUpstreamServer.start()
        let harness = try await ProxyHarness.start(upstreamURL: "http://127.0.0.1:\(upstream.port)/echo/base")

        _ = try await harness.request(.GET, "/items/1?x=2")

        #expect(upstream.requests.last?.uri == "/echo/base/items/1?x=2")
        try await harness.shutdown()
        try await upstream.stop()
    }

    private func directResponse(_ harness: ProxyHarness, _ target: String) async throws -> TestHTTPConnection.Response {
        let connection = try await TestHTTPConnection.connect(port: harness.upstream.port)
        defer { Task { await connection.close() } }
        return try await connection.request(.GET, target)
    }
}
