import NIOCore
import NIOHTTP1
import TraceProxyTestSupport
import Testing

/// Client connections are kept alive and pipelined; upstream connections are reused.
@Suite struct ProxyConnectionTests {
    @Test func upstreamConnectionsAreReusedUnderKeepAliveLoad() async throws {
        let harness = try await ProxyHarness.start()

        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let connection = try await harness.connect()
                    for _ in 0..<50 {
                        let response = try await connection.request(.GET, "/")
                        #expect(response.status == 200)
                    }
                    await connection.close()
                }
            }
            try await group.waitForAll()
        }

        #expect(harness.upstream.requests.count == 400)
        #expect(harness.upstream.acceptedConnections <= 12, "saw \(harness.upstream.acceptedConnections) connections")
        try await harness.shutdown()
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let harness = try await ProxyHarness.start()
        let pipelined =
            "GET /slow/150 HTTP/1.1\r\nHost: x\r\n\r\n" + "GET /echo/second HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /status/404 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"

        let raw = try await harness.raw(pipelined)

        // Bodies carry no trailing newline, so status lines are found anywhere in the stream.
        let statuses = raw.split(separator: "HTTP/1.1 ").map { $0.prefix(3) }
        #expect(statuses == ["200", "200", "404"], "\(raw)")
        #expect(harness.upstream.requests.map(\.uri) == ["/slow/150", "/echo/second", "/status/404"])
        try await harness.shutdown()
    }

    @Test func keepAliveConnectionServesManyRequests() async throws {
        let harness = try await ProxyHarness.start()
        let connection = try await harness.connect()

        for index in 0..<20 {
            let response = try await connection.request(.POST, "/echo", body: Array("n=\(index)".utf8))
            #expect(response.bodyString == "n=\(index)")
        }

        #expect(!connection.isClosed)
        await connection.close()
        try await harness.shutdown()
    }

    @Test func connectionCloseIsHonoured() async throws {
        let harness = try await ProxyHarness.start()

        let raw = try await harness.raw("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", timeout: .seconds(20))

        #expect(raw.lowercased().contains("connection: close"))
        try await harness.shutdown()
    }

    @Test func maxConnectionsIsEnforced() async throws {
        let harness = try await ProxyHarness.start { $0.maxConnections = 2 }
        let first = try await harness.connect()
        let second = try await harness.connect()
        _ = try await first.request(.GET, "/")
        _ = try await second.request(.GET, "/")

        // A third client waits in the backlog until a slot frees up.
        let third = try await harness.connect()
        let waiting = Task { try await third.request(.GET, "/echo/third") }
        try await Task.sleep(for: .milliseconds(300))
        #expect(!harness.upstream.requests.contains { $0.uri == "/echo/third" })

        await first.close()
        let response = try await waiting.value
        #expect(response.status == 200)
        await second.close()
        await third.close()
        try await harness.shutdown()
    }
}
