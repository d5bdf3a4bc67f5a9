import NIOCore
import Testing
import TraceProxyTestSupport
import TraceProxyUpstream

/// Bodies stream both ways with bounded buffering, and connections are reused.
@Suite struct CurlUpstreamClientStreamingTests {
    @Test func contentLengthBodyWrittenInPartsWithPausesArrivesIntact() async throws {
        try await UpstreamTestFixture.with { fixture in
            let parts = (0..<5).map { index in Array("part \(index);".utf8) }
            let length = parts.reduce(0) { $0 + $1.count }
            let headers: [(name: String, value: String)] = [fixture.host, ("Content-Length", "\(length)")]

            let outcome = try await fixture.run(
                fixture.request("PUT", "/echo", headers: headers, body: .length(Int64(length))),
                parts: parts,
                pause: .milliseconds(30)
            )

            let received = try #require(fixture.server.requests.first)
            #expect(outcome.error == nil)
            #expect(received.body == parts.flatMap { $0 })
            #expect(received.headers.map(\.name) == ["Host", "Content-Length"])
        }
    }

    @Test func chunkedBodyWrittenInPartsWithPausesArrivesIntact() async throws {
        try await UpstreamTestFixture.with { fixture in
            let parts = (0..<5).map { index in Array(repeating: UInt8(65 + index), count: 1000 * (index + 1)) }

            let outcome = try await fixture.run(
                fixture.request("POST", "/echo", body: .chunked),
                parts: parts,
                pause: .milliseconds(30)
            )

            let received = try #require(fixture.server.requests.first)
            #expect(outcome.error == nil)
            #expect(outcome.body == parts.flatMap { $0 })
            #expect(received.body == parts.flatMap { $0 })
            // The only header the client adds: the framing the caller asked for.
            #expect(
                received.headers.map { "\($0.name): \($0.value)" } == [
                    "Host: 127.0.0.1:\(fixture.server.port)", "Transfer-Encoding: chunked",
                ]
            )
        }
    }

    @Test func largeUploadHonoursBackpressure() async throws {
        try await UpstreamTestFixture.with { fixture in
            let partSize = 64 * 1024
            let partCount = 128
            let handler = RecordingResponseHandler(eventLoop: fixture.eventLoop)
            let request = fixture.request("POST", "/sink", body: .length(Int64(partSize * partCount)))
            var checksum = TestUpstreamServer.checksum(of: [])
            var refusals = 0

            let exchange = fixture.client.start(request, on: fixture.eventLoop, handler: handler)
            var writable = handler.writable.makeAsyncIterator()
            for index in 0..<partCount {
                let part = [UInt8](repeating: UInt8(truncatingIfNeeded: index), count: partSize)
                checksum = TestUpstreamServer.checksum(of: part, continuing: checksum)
                if !exchange.writeRequestBody(ByteBuffer(bytes: part)) {
                    refusals += 1
                    await writable.next()
                }
            }
            exchange.finishRequestBody()
            let outcome = try await handler.completion.futureResult.get()

            let received = try #require(fixture.server.requests.first)
            #expect(outcome.error == nil)
            #expect(outcome.bodyString == "\(partSize * partCount)")
            #expect(received.bodyLength == partSize * partCount)
            #expect(received.bodyChecksum == checksum)
            #expect(refusals > 0)
        }
    }

    @Test func largeDownloadStreamsWithPausesAndBoundedBuffering() async throws {
        try await UpstreamTestFixture.with { fixture in
            let total = 64 << 20
            let configuration = fixture.client.configuration
            let handler = RecordingResponseHandler(eventLoop: fixture.eventLoop, keepsBody: false, checksPattern: true)
            let exchangeBox = ExchangeBox()
            var pauses = 0
            var bytesWhilePaused = 0
            var maxBytesWhilePaused = 0
            handler.onBodyPart = { handler, part in
                if exchangeBox.isPaused {
                    bytesWhilePaused += part.readableBytes
                    maxBytesWhilePaused = max(maxBytesWhilePaused, bytesWhilePaused)
                }
                // Pause every 4 MiB, as a slow client would, and resume a little later.
                if handler.bodyLength / (4 << 20) > pauses, !exchangeBox.isPaused {
                    pauses += 1
                    exchangeBox.isPaused = true
                    bytesWhilePaused = 0
                    exchangeBox.exchange?.pauseResponse()
                    handler.eventLoop.scheduleTask(in: .milliseconds(20)) {
                        exchangeBox.isPaused = false
                        exchangeBox.exchange?.resumeResponse()
                    }
                }
            }

            try await fixture.start(fixture.request("GET", "/bytes/\(total)"), handler: handler, into: exchangeBox)
            let outcome = try await handler.completion.futureResult.get()

            #expect(outcome.error == nil)
            #expect(outcome.bodyLength == total)
            #expect(outcome.matchesPattern)
            #expect(outcome.orderViolations.isEmpty)
            #expect(pauses >= 15)
            // What curl hands over in one write (16 KiB) may land on top of the high-water mark.
            #expect(fixture.client.peakBufferedResponseBytes <= configuration.bodyHighWaterMark + 16 * 1024)
            #expect(maxBytesWhilePaused == 0)
        }
    }

    @Test func chunkedResponseIsDechunked() async throws {
        try await UpstreamTestFixture.with { fixture in
            let total = 300_000
            let handler = RecordingResponseHandler(eventLoop: fixture.eventLoop, keepsBody: false, checksPattern: true)

            let outcome = try await fixture.run(fixture.request("GET", "/chunked/\(total)"), handler: handler)

            #expect(outcome.error == nil)
            #expect(outcome.bodyLength == total)
            #expect(outcome.matchesPattern)
            #expect(outcome.headerValues("transfer-encoding") == ["chunked"])
        }
    }

    @Test func sequentialRequestsReuseOneConnectionAndOneHandle() async throws {
        try await UpstreamTestFixture.with { fixture in
            for _ in 0..<200 {
                let outcome = try await fixture.run(fixture.request("GET", "/"))
                #expect(outcome.bodyString == "ok")
            }

            #expect(fixture.server.requests.count == 200)
            #expect(fixture.server.acceptedConnections == 1)
            #expect(fixture.client.createdHandles == 1)
            #expect(fixture.client.pooledHandles == 1)
            #expect(fixture.client.activeTransfers == 0)
        }
    }

    @Test func concurrentRequestsUseAHandfulOfConnections() async throws {
        try await UpstreamTestFixture.with { fixture in
            let concurrency = 8

            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<concurrency {
                    group.addTask {
                        for _ in 0..<25 {
                            let outcome = try await fixture.run(fixture.request("GET", "/bytes/1000"))
                            #expect(outcome.bodyLength == 1000)
                        }
                    }
                }
                try await group.waitForAll()
            }

            #expect(fixture.server.requests.count == 200)
            #expect(fixture.server.acceptedConnections <= concurrency)
            #expect(fixture.client.createdHandles <= concurrency)
            #expect(fixture.client.activeTransfers == 0)
        }
    }
}

/// The exchange and the pause flag, shared with the handler's callbacks; touched on the event loop only.
final class ExchangeBox: @unchecked Sendable {
    var exchange: (any UpstreamExchange)?
    var isPaused = false
}
