import NIOCore
import NIOHTTP1
import NIOPosix

/// An in-process HTTP/1.1 upstream on 127.0.0.1 with fixed behaviours chosen by path prefix.
///
/// | Path | Behaviour |
/// | --- | --- |
/// | `/echo` | 200 with the request body; `x-echo-method`, `x-echo-uri` and one `x-echo-header` per request header |
/// | `/status/{code}` | that status with a small body (none for 204, 304; 3xx adds `Location: /elsewhere`) |
/// | `/bytes/{n}` | n bytes of `TestUpstreamServer.pattern`, streamed in 64 KiB writes, with `Content-Length` |
/// | `/chunked/{n}` | the same bytes, chunked |
/// | `/slow/{ms}` | waits, then 200 "ok" |
/// | `/headers` | three `Set-Cookie`, repeated `X-Multi`, an empty `X-Empty`, mixed-case names |
/// | `/gzip` | `Content-Encoding: gzip` with `TestUpstreamServer.gzipBody` as is |
/// | `/reset-mid-body` | head with `Content-Length: 1000`, 100 bytes, then closes the connection |
/// | `/continue` | `100 Continue` as soon as the head arrives, 200 "continued" after the body |
/// | `/sink` | reads any body, answers its length in decimal |
/// | anything else | 200 "ok" |
///
/// Routes given to `start(routes:)` are tried first, by path prefix. Every request is recorded
/// (see `RecordedRequest`) before its response starts. HEAD requests get the head GET would get, without
/// the body. `/echo` answers an empty body when the request body exceeded `recordedBodyLimit`.
package final class TestUpstreamServer: Sendable {
    /// One request as the server received it.
    package struct RecordedRequest: Sendable {
        package var method: String
        /// The request target exactly as sent.
        package var uri: String
        /// Header fields in order, names as sent.
        package var headers: [(name: String, value: String)]
        /// The body bytes, or nil when the body exceeded `recordedBodyLimit` (then use length and checksum).
        package var body: [UInt8]?
        package var bodyLength: Int
        /// `TestUpstreamServer.checksum(of:)` of the whole body.
        package var bodyChecksum: UInt64
        /// Which accepted connection carried the request, counting from 1.
        package var connectionNumber: Int

        package var bodyString: String? { self.body.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// A canned answer for a route added by a test.
    package struct Response: Sendable {
        package var status: Int
        package var headers: [(name: String, value: String)]
        package var body: [UInt8]

        package init(status: Int = 200, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
            self.status = status
            self.headers = headers
            self.body = body
        }
    }

    /// A test's own behaviour for paths starting with `pathPrefix`; `Content-Length` is added unless given.
    package struct Route: Sendable {
        package var pathPrefix: String
        package var respond: @Sendable (RecordedRequest) -> Response

        package init(_ pathPrefix: String, respond: @escaping @Sendable (RecordedRequest) -> Response) {
            self.pathPrefix = pathPrefix
            self.respond = respond
        }
    }

    /// `waitForRequests` gave up.
    package struct TimedOut: Error {
        package var waitingFor: String
    }

    /// Bodies longer than this are recorded by length and checksum only.
    package static let recordedBodyLimit = 1 << 20

    package let port: Int
    private let channel: any Channel
    private let recorder: TestUpstreamServerRecorder

    private init(channel: any Channel, recorder: TestUpstreamServerRecorder) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
        self.recorder = recorder
    }

    /// Listens on 127.0.0.1 on a free port, or on `port` (a backend coming back where it was).
    package static func start(
        routes: [Route] = [],
        port: Int = 0,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> TestUpstreamServer {
        let recorder = TestUpstreamServerRecorder(routes: routes)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                let number = recorder.accepted(channel)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: false)
                    try channel.pipeline.syncOperations.addHandler(
                        TestUpstreamServerHandler(recorder: recorder, connectionNumber: number)
                    )
                }
            }
            .bind(host: "127.0.0.1", port: port)
            .get()
        return TestUpstreamServer(channel: channel, recorder: recorder)
    }

    /// Closes the listener and every open connection.
    package func stop() async throws {
        try? await self.channel.close()
        for connection in self.recorder.openConnections {
            try? await connection.close()
        }
    }

    /// `http://127.0.0.1:{port}` followed by `target`.
    package func url(_ target: String) -> String {
        "http://127.0.0.1:\(self.port)\(target)"
    }

    /// Every request received so far, in arrival order.
    package var requests: [RecordedRequest] { self.recorder.requests }

    /// Waits, without polling, until `count` requests have been recorded; returns them all.
    @discardableResult
    package func waitForRequests(count: Int, timeout: Duration = .seconds(5)) async throws -> [RecordedRequest] {
        try await self.recorder.waitForRequests(count: count, timeout: timeout, on: self.channel.eventLoop).get()
        return self.recorder.requests
    }

    /// TCP connections accepted so far.
    package var acceptedConnections: Int { self.recorder.acceptedConnections }

    /// TCP connections currently open.
    package var openConnectionCount: Int { self.recorder.openConnections.count }
}
