import NIOCore
import NIOHTTP1
import TraceProxyTestSupport
import Testing

/// On graceful shutdown the proxy stops accepting, finishes what is in flight, and closes idle connections.
@Suite struct ProxyShutdownTests {
    @Test func requestsInFlightAtShutdownCompleteWithTheirFullResponses() async throws {
        let harness = try await ProxyHarness.start()
        let idle = try await harness.connect()
        _ = try await idle.request(.GET, "/")

        let inFlight = (0..<4).map { index in
            Task { try await harness.request(.GET, index % 2 == 0 ? "/slow/600" : "/bytes/3000000") }
        }
        _ = try await harness.upstream.waitForRequests(count: 5, timeout: .seconds(20))
        try await harness.shutdown()

        for task in inFlight {
            let response = try await task.value
            #expect(response.status == 200)
            #expect(response.body.count == 2 || response.body.count == 3_000_000)
        }
        #expect(idle.isClosed)
        await #expect(throws: (any Error).self) { try await harness.request(.GET, "/") }
    }

    @Test func drainTimeoutBoundsTheWait() async throws {
        let harness = try await ProxyHarness.start { $0.drainTimeout = .milliseconds(300) }
        let slow = Task { try await harness.request(.GET, "/slow/60000") }
        _ = try await harness.upstream.waitForRequests(count: 1, timeout: .seconds(20))

        let started = ContinuousClock.now
        try await harness.shutdown()

        #expect(ContinuousClock.now - started < .seconds(30), "a 60 s request must not hold a 300 ms drain")
        await #expect(throws: (any Error).self) { try await slow.value }
    }
}
