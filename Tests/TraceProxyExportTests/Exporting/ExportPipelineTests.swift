import Glibc
import NIOCore
import Testing
import TraceProxyExport
import TraceProxyTestSupport
import TraceProxyTracing

/// `BatchSpanProcessor` with the real OTLP exporter against an in-process backend on 127.0.0.1:
/// the failure modes a backend can show, end to end through libcurl.
@Suite struct ExportPipelineTests {
    /// Starts `processor.run()` in the background; the caller shuts it down.
    static func running(_ processor: BatchSpanProcessor) -> Task<Void, Never> {
        Task { try? await processor.run() }
    }

    static func pipeline(
        url: String, configuration: BatchSpanProcessor.Configuration = ExportTest.processing(),
        timeout: Duration = .seconds(5)
    ) -> (BatchSpanProcessor, ExporterStats) {
        let stats = ExporterStats(name: "otlp")
        let exporter = ExportTest.otlpExporter(
            url: url, transport: ExportHTTPTransport(), stats: stats, timeout: timeout)
        return (BatchSpanProcessor(exporter: exporter, configuration: configuration, stats: stats, logger: ExportTest.logger), stats)
    }

    @Test func healthyBackendReceivesEverySpanOnce() async throws {
        let server = try await TestUpstreamServer.start(routes: [.init("/v1/traces") { _ in .init(status: 200) }])
        let (processor, stats) = Self.pipeline(url: server.url("/v1/traces"))
        let task = Self.running(processor)

        for index in 0..<40 { processor.onEnd(ExportTest.span(index)) }
        #expect(
            await ExportTest.eventually(timeout: .seconds(30)) { stats.exported.load(ordering: .relaxed) == 40 },
            "\(stats.snapshot)")
        await processor.shutdown(deadline: .now + .seconds(5))
        await task.value

        #expect(server.requests.map(ExportTest.spanCount).reduce(0, +) == 40)
        #expect(stats.snapshot.failedRequests == 0)
        try await server.stop()
    }

    @Test func serviceUnavailableWithRetryAfterDeliversTheBatchOnceAfterTheDelay() async throws {
        let calls = Counter()
        let server = try await TestUpstreamServer.start(routes: [
            .init("/v1/traces") { _ in
                calls.next() == 0 ? .init(status: 503, headers: [("Retry-After", "1")]) : .init(status: 200)
            }
        ])
        let (processor, stats) = Self.pipeline(url: server.url("/v1/traces"))
        let task = Self.running(processor)

        let started = ContinuousClock.now
        for index in 0..<3 { processor.onEnd(ExportTest.span(index)) }
        #expect(await ExportTest.eventually { stats.exported.load(ordering: .relaxed) == 3 })
        let elapsed = ContinuousClock.now - started
        await processor.shutdown(deadline: .now + .seconds(2))
        await task.value

        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests.map(\.body) == [requests[0].body, requests[0].body])
        #expect(elapsed >= .milliseconds(950))
        #expect(stats.snapshot.failedRequests == 1)
        try await server.stop()
    }

    @Test func badRequestDropsTheBatchWithoutRetrying() async throws {
        let server = try await TestUpstreamServer.start(routes: [.init("/v1/traces") { _ in .init(status: 400) }])
        let (processor, stats) = Self.pipeline(url: server.url("/v1/traces"))
        let task = Self.running(processor)

        for index in 0..<5 { processor.onEnd(ExportTest.span(index)) }
        #expect(await ExportTest.eventually { stats.droppedRejected.load(ordering: .relaxed) == 5 })
        await processor.shutdown(deadline: .now + .seconds(2))
        await task.value

        #expect(server.requests.count == 1)
        #expect(stats.snapshot.exported == 0)
        try await server.stop()
    }

    @Test func spansEndedAfterTheBackendComesUpArrive() async throws {
        // A bound socket that does not listen: connections are refused, and no other test's server can take
        // the port before ours comes up (a freed port could be reused by the tests running beside this one).
        let (holder, port) = try Self.boundButNotListening()
        let (processor, stats) = Self.pipeline(
            url: "http://127.0.0.1:\(port)/v1/traces", configuration: ExportTest.processing(maxRetries: 1))
        let task = Self.running(processor)

        processor.onEnd(ExportTest.span(0))
        #expect(await ExportTest.eventually { stats.droppedRetriesExhausted.load(ordering: .relaxed) == 1 })
        close(holder)
        let server = try await TestUpstreamServer.start(
            routes: [.init("/v1/traces") { _ in .init(status: 200) }], port: port)
        processor.onEnd(ExportTest.span(1))
        #expect(await ExportTest.eventually { stats.exported.load(ordering: .relaxed) == 1 })
        await processor.shutdown(deadline: .now + .seconds(2))
        await task.value

        #expect(server.requests.map(ExportTest.spanCount) == [1])
        #expect(stats.snapshot.failedRequests == 2)
        try await server.stop()
    }

    @Test func backendSlowerThanTheTimeoutCountsTimeoutsAndRetries() async throws {
        let server = try await TestUpstreamServer.start()
        let (processor, stats) = Self.pipeline(
            url: server.url("/slow/30000"), configuration: ExportTest.processing(maxRetries: 2),
            // Long enough that a starved backend still reads each attempt before it times out (with 150 ms a
            // full parallel run once saw only one of the three attempts arrive).
            timeout: .seconds(1))
        let task = Self.running(processor)

        processor.onEnd(ExportTest.span(0))
        #expect(await ExportTest.eventually { stats.droppedRetriesExhausted.load(ordering: .relaxed) == 1 })
        await processor.shutdown(deadline: .now + .seconds(2))
        await task.value

        #expect(stats.snapshot.timeouts == 3)
        #expect(stats.snapshot.failedRequests == 3)
        // A timed-out attempt may be cut off before the backend has read all of it, so only a retry is certain.
        #expect(server.requests.count >= 2)
        try await server.stop()
    }

    @Test func fullQueueDropsAndCountsWithoutBlocking() async throws {
        let server = try await TestUpstreamServer.start()
        // Every export hangs until the timeout, so the queue stays full.
        let (processor, stats) = Self.pipeline(
            url: server.url("/slow/60000"),
            configuration: ExportTest.processing(maxQueueSize: 10, maxBatchSize: 10, maxRetries: 0),
            timeout: .seconds(30))
        let task = Self.running(processor)

        let started = ContinuousClock.now
        for index in 0..<1010 { processor.onEnd(ExportTest.span(index)) }
        let elapsed = ContinuousClock.now - started

        // A blocking onEnd would wait on the 30 s export; the margin is for a starved test process.
        #expect(elapsed < .seconds(10))
        // The first 10 left the queue as one batch or are still queued; at most 20 were ever accepted.
        #expect(stats.snapshot.droppedQueueFull >= 990)
        #expect(stats.snapshot.queued + stats.snapshot.droppedQueueFull == 1010)
        await processor.shutdown(deadline: .now + .milliseconds(100))
        await task.value
        try await server.stop()
    }

    @Test func shutdownFlushesQueuedSpansWithinTheDeadline() async throws {
        let server = try await TestUpstreamServer.start(routes: [.init("/v1/traces") { _ in .init(status: 200) }])
        var configuration = ExportTest.processing(maxQueueSize: 1000, maxBatchSize: 100)
        configuration.scheduleDelay = .seconds(60)  // only shutdown can send these
        let (processor, stats) = Self.pipeline(url: server.url("/v1/traces"), configuration: configuration)
        let task = Self.running(processor)

        for index in 0..<250 { processor.onEnd(ExportTest.span(index)) }
        let started = ContinuousClock.now
        await processor.shutdown(deadline: .now + .seconds(15))
        let elapsed = ContinuousClock.now - started
        await task.value

        #expect(elapsed < .seconds(15))
        #expect(stats.snapshot.exported == 250)
        #expect(server.requests.map(ExportTest.spanCount).reduce(0, +) == 250)
        try await server.stop()
    }

    /// A TCP socket bound to a free port on 127.0.0.1 without listening, and that port.
    private static func boundButNotListening() throws -> (Int32, Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard descriptor >= 0, bound else { throw ExportTest.SocketError() }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }
}
