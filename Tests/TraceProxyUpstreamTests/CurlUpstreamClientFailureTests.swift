import NIOCore
import Testing
import TraceProxyTestSupport
import TraceProxyUpstream

/// Failures map to `UpstreamError` kinds, complete exactly once, and leave nothing behind.
@Suite struct CurlUpstreamClientFailureTests {
    @Test func closedPortIsConnectionRefused() async throws {
        try await UpstreamTestFixture.with { fixture in
            let closed = try await TestUpstreamServer.start()
            try await closed.stop()
            let request = UpstreamRequest(method: "GET", url: closed.url("/"), headers: [], body: .none)

            let outcome = try await fixture.run(request)

            #expect(outcome.head == nil)
            #expect(outcome.error?.kind == .connectionRefused)
            #expect(outcome.error?.detail.isEmpty == false)
            #expect(fixture.client.activeTransfers == 0)
        }
    }

    @Test func unansweredConnectIsConnectTimeout() async throws {
        let blackhole = try TestUpstreamBlackholeListener()
        var configuration = CurlUpstreamClient.Configuration.default
        configuration.connectTimeout = .milliseconds(200)
        try await UpstreamTestFixture.with(configuration) { fixture in
            let request = UpstreamRequest(
                method: "GET",
                url: "http://127.0.0.1:\(blackhole.port)/",
                headers: [],
                body: .none
            )
            let started = ContinuousClock.now

            let outcome = try await fixture.run(request)

            #expect(outcome.error?.kind == .connectTimeout)
            // The blackhole never answers: only the 200 ms connect timeout can end this (room for a starved run).
            #expect(ContinuousClock.now - started < .seconds(20))
        }
        withExtendedLifetime(blackhole) {}
    }

    @Test func unknownHostIsNameResolution() async throws {
        try await UpstreamTestFixture.with { fixture in
            let request = UpstreamRequest(method: "GET", url: "http://nonexistent.invalid/", headers: [], body: .none)

            let outcome = try await fixture.run(request)

            #expect(outcome.error?.kind == .nameResolution)
        }
    }

    @Test func silentUpstreamIsResponseTimeout() async throws {
        var configuration = CurlUpstreamClient.Configuration.default
        configuration.responseTimeout = .milliseconds(200)
        try await UpstreamTestFixture.with(configuration) { fixture in
            let started = ContinuousClock.now

            let outcome = try await fixture.run(fixture.request("GET", "/slow/30000"))

            #expect(outcome.error?.kind == .responseTimeout)
            #expect(outcome.head == nil)
            #expect(ContinuousClock.now - started < .seconds(15))
        }
    }

    @Test func timeWaitingOnTheClientDoesNotCountAsUpstreamSilence() async throws {
        var configuration = CurlUpstreamClient.Configuration.default
        // The pauses below are several times the timeout; the timeout itself leaves room for a loaded machine.
        configuration.responseTimeout = .seconds(2)
        try await UpstreamTestFixture.with(configuration) { fixture in
            let headers: [(name: String, value: String)] = [fixture.host, ("Content-Length", "10")]
            let upload = try await fixture.run(
                fixture.request("POST", "/echo", headers: headers, body: .length(10)),
                parts: [Array("hello".utf8), Array("world".utf8)],
                pause: .seconds(5)
            )
            let handler = RecordingResponseHandler(eventLoop: fixture.eventLoop, keepsBody: false, checksPattern: true)
            let box = ExchangeBox()
            handler.onBodyPart = { handler, _ in
                guard !box.isPaused else { return }
                box.isPaused = true
                box.exchange?.pauseResponse()
                handler.eventLoop.scheduleTask(in: .seconds(5)) { box.exchange?.resumeResponse() }
            }

            try await fixture.start(fixture.request("GET", "/bytes/\(4 << 20)"), handler: handler, into: box)
            let download = try await handler.completion.futureResult.get()

            #expect(upload.error == nil)
            #expect(upload.bodyString == "helloworld")
            #expect(download.error == nil)
            #expect(download.bodyLength == 4 << 20)
            #expect(download.matchesPattern)
        }
    }

    @Test func resetAfterTheHeadIsAnErrorAfterTheHead() async throws {
        try await UpstreamTestFixture.with { fixture in
            let outcome = try await fixture.run(fixture.request("GET", "/reset-mid-body"))

            #expect(outcome.head?.status == 200)
            #expect(outcome.error?.kind == .protocolError)
            #expect(outcome.bodyLength <= 100)
            #expect(outcome.orderViolations.isEmpty)
        }
    }

    @Test func cancellingMidResponseRepeatedlyLeaksNothing() async throws {
        try await UpstreamTestFixture.with { fixture in
            for _ in 0..<300 {
                let handler = RecordingResponseHandler(eventLoop: fixture.eventLoop, keepsBody: false)
                let box = ExchangeBox()
                handler.onBodyPart = { _, _ in box.exchange?.cancel() }
                try await fixture.start(fixture.request("GET", "/bytes/\(1 << 20)"), handler: handler, into: box)

                let outcome = try await handler.completion.futureResult.get()

                #expect(outcome.error?.kind == .cancelled)
                #expect(outcome.bodyLength < 1 << 20)
                #expect(outcome.orderViolations.isEmpty)
            }

            #expect(fixture.client.activeTransfers == 0)
            #expect(fixture.client.createdHandles == 1)
            #expect(fixture.client.pooledHandles == 1)
            #expect(
                fixture.client.peakBufferedResponseBytes <= fixture.client.configuration.bodyHighWaterMark + 16 * 1024
            )
        }
    }

    @Test func cancellingAPausedResponseStillCompletes() async throws {
        try await UpstreamTestFixture.with { fixture in
            let handler = RecordingResponseHandler(eventLoop: fixture.eventLoop, keepsBody: false)
            let box = ExchangeBox()
            handler.onBodyPart = { _, _ in
                guard !box.isPaused else { return }
                box.isPaused = true
                box.exchange?.pauseResponse()
                box.exchange?.cancel()
            }

            try await fixture.start(fixture.request("GET", "/bytes/\(4 << 20)"), handler: handler, into: box)
            let outcome = try await handler.completion.futureResult.get()

            #expect(outcome.error?.kind == .cancelled)
            #expect(outcome.bodyParts == 1)
            #expect(fixture.client.activeTransfers == 0)
        }
    }

    @Test func cancelRightAfterStartCompletesOnceWithCancelled() async throws {
        try await UpstreamTestFixture.with { fixture in
            let handler = RecordingResponseHandler(eventLoop: fixture.eventLoop)

            let exchange = fixture.client.start(
                fixture.request("GET", "/slow/30000"),
                on: fixture.eventLoop,
                handler: handler
            )
            exchange.cancel()
            exchange.cancel()
            let outcome = try await handler.completion.futureResult.get()
            try await Task.sleep(for: .milliseconds(50))

            #expect(outcome.error?.kind == .cancelled)
            #expect(try await handler.completionCount() == 1)
            #expect(fixture.client.activeTransfers == 0)
        }
    }

    @Test func cancelAfterCompletionChangesNothing() async throws {
        try await UpstreamTestFixture.with { fixture in
            let handler = RecordingResponseHandler(eventLoop: fixture.eventLoop)
            let exchange = fixture.client.start(fixture.request("GET", "/"), on: fixture.eventLoop, handler: handler)
            let outcome = try await handler.completion.futureResult.get()

            exchange.cancel()
            let next = try await fixture.run(fixture.request("GET", "/"))

            #expect(outcome.error == nil)
            #expect(next.error == nil)
            #expect(try await handler.completionCount() == 1)
        }
    }

    @Test func shutdownCancelsOutstandingExchangesAndRefusesNewOnes() async throws {
        try await UpstreamTestFixture.with { fixture in
            let handler = RecordingResponseHandler(eventLoop: fixture.eventLoop)
            _ = fixture.client.start(fixture.request("GET", "/slow/60000"), on: fixture.eventLoop, handler: handler)
            try await fixture.server.waitForRequests(count: 1)

            fixture.client.shutdown()
            let outstanding = try await handler.completion.futureResult.get()
            let late = try await fixture.run(fixture.request("GET", "/"))

            #expect(outstanding.error?.kind == .cancelled)
            #expect(late.error?.kind == .cancelled)
            #expect(fixture.client.activeTransfers == 0)
            #expect(fixture.client.pooledHandles == 0)
        }
    }
}
