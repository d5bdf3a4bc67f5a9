import Testing
import TraceProxyTestSupport

/// The shared test upstream behaves as documented on the wire, seen through the raw client.
@Suite struct TestUpstreamServerTests {
    @Test func rawClientSeesTheExactResponseBytes() async throws {
        let server = try await TestUpstreamServer.start()

        let response = try await TestHTTPClient.rawExchange(
            port: server.port,
            sending: "GET /status/201 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        try await server.stop()

        #expect(response.hasPrefix("HTTP/1.1 201 Created\r\n"))
        #expect(response.hasSuffix("\r\n\r\nstatus 201\n"))
        #expect(server.requests.first?.uri == "/status/201")
        #expect(server.acceptedConnections == 1)
    }
}
