import NIOCore
import NIOHTTP1
import TraceProxyTestSupport
import Testing

/// Bodies stream both ways, framed as the sender framed them.
@Suite struct ProxyStreamingTests {
    static func pattern(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) } }

    @Test func contentLengthUploadArrivesIntact() async throws {
        let harness = try await ProxyHarness.start()
        let body = Self.pattern(3 << 20)

        let response = try await harness.request(.PUT, "/sink", body: body, chunks: 48)

        #expect(response.bodyString == String(body.count))
        let seen = try #require(harness.upstream.requests.last)
        #expect(seen.bodyLength == body.count)
        #expect(seen.bodyChecksum == TestUpstreamServer.checksum(of: body))
        #expect(seen.headers.contains { $0.name.lowercased() == "content-length" && $0.value == String(body.count) })
        try await harness.shutdown()
    }

    @Test func chunkedUploadIsForwardedChunked() async throws {
        let harness = try await ProxyHarness.start()
        let body = Self.pattern(1 << 20)

        let response = try await harness.request(
            .POST,
            "/sink",
            headers: [("Transfer-Encoding", "chunked")],
            body: body,
            chunks: 20
        )

        #expect(response.bodyString == String(body.count))
        let seen = try #require(harness.upstream.requests.last)
        #expect(seen.bodyChecksum == TestUpstreamServer.checksum(of: body))
        let names = seen.headers.map { $0.name.lowercased() }
        #expect(names.contains("transfer-encoding"))
        #expect(!names.contains("content-length"))
        try await harness.shutdown()
    }

    @Test func contentLengthDownloadKeepsItsLength() async throws {
        let harness = try await ProxyHarness.start()

        let response = try await harness.request(.GET, "/bytes/5000000")

        #expect(response.headers["content-length"] == ["5000000"])
        #expect(response.headers["transfer-encoding"].isEmpty)
        #expect(response.body.count == 5_000_000)
        #expect(response.body.withUnsafeBytes { TestUpstreamServer.matchesPattern($0, offset: 0) })
        try await harness.shutdown()
    }

    @Test func chunkedDownloadComesBackChunked() async throws {
        let harness = try await ProxyHarness.start()

        let raw = try await harness.raw("GET /chunked/100000 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")

        #expect(raw.lowercased().contains("transfer-encoding: chunked"))
        #expect(!raw.lowercased().contains("content-length"))
        #expect(raw.hasSuffix("0\r\n\r\n"))
        try await harness.shutdown()
    }

    @Test func largeDownloadStreamsWithBoundedBuffering() async throws {
        let harness = try await ProxyHarness.start()
        let connection = try await harness.connect()

        let response = try await connection.request(.GET, "/bytes/67108864")

        #expect(response.body.count == 64 << 20)
        #expect(harness.client.peakBufferedResponseBytes < 4 << 20)
        await connection.close()
        try await harness.shutdown()
    }
}
