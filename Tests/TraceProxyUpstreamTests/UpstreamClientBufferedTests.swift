import NIOCore
import Testing
import TraceProxyTestSupport
import TraceProxyUpstream

@Suite struct UpstreamClientBufferedTests {
    @Test func sendsABodyAndReturnsTheWholeResponse() async throws {
        try await UpstreamTestFixture.with { fixture in
            let request = fixture.request(
                "POST",
                "/echo",
                headers: [fixture.host, ("Content-Type", "application/x-protobuf")]
            )

            let response = try await fixture.client.send(
                request,
                body: ByteBuffer(string: "spans"),
                on: fixture.eventLoop,
                timeout: .seconds(5)
            )

            #expect(response.head.status == 200)
            #expect(String(buffer: response.body) == "spans")
            #expect(fixture.server.requests.first?.headers.map(\.name) == ["Host", "Content-Type", "Content-Length"])
        }
    }

    @Test func deadlineCancelsTheExchange() async throws {
        try await UpstreamTestFixture.with { fixture in
            let started = ContinuousClock.now

            await #expect(throws: UpstreamError(.responseTimeout, detail: "No complete response within 0.2 seconds.")) {
                try await fixture.client.send(
                    fixture.request("GET", "/slow/30000"),
                    body: nil,
                    on: fixture.eventLoop,
                    timeout: .milliseconds(200)
                )
            }

            // Far below the upstream's 30 s, with room for a loaded machine.
            #expect(ContinuousClock.now - started < .seconds(15))
            #expect(fixture.client.activeTransfers == 0)
        }
    }

    @Test func responseLargerThanTheCapFails() async throws {
        try await UpstreamTestFixture.with { fixture in
            let error = await #expect(throws: UpstreamError.self) {
                try await fixture.client.send(
                    fixture.request("GET", "/bytes/100000"),
                    body: nil,
                    on: fixture.eventLoop,
                    maxResponseBytes: 1000,
                    timeout: .seconds(5)
                )
            }

            #expect(error?.kind == .other)
        }
    }
}
