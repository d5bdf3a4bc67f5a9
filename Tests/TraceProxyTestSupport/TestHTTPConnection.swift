import NIOCore
import NIOHTTP1
import NIOPosix

/// One keep-alive HTTP/1.1 client connection for tests: requests are sent one after another and
/// each full response is collected.
package final class TestHTTPConnection: Sendable {
    /// A complete response as the client received it.
    package struct Response: Sendable {
        package var status: Int
        package var headers: HTTPHeaders
        package var body: [UInt8]
        package var bodyString: String { String(decoding: self.body, as: UTF8.self) }
    }

    private let channel: any Channel
    private let collector: TestHTTPResponseCollector

    private init(channel: any Channel, collector: TestHTTPResponseCollector) {
        self.channel = channel
        self.collector = collector
    }

    package static func connect(
        port: Int,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> TestHTTPConnection {
        let collector = TestHTTPResponseCollector()
        let channel = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(collector)
                }
            }
            .connect(host: "127.0.0.1", port: port)
            .get()
        return TestHTTPConnection(channel: channel, collector: collector)
    }

    /// Sends one request and waits for its whole response. The body, if any, is sent with Content-Length
    /// unless `headers` say `transfer-encoding: chunked`, and then in `chunks` parts.
    package func request(
        _ method: HTTPMethod = .GET,
        _ uri: String,
        headers: [(String, String)] = [],
        body: [UInt8]? = nil,
        chunks: Int = 1
    ) async throws -> Response {
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: uri)
        head.headers.add(name: "host", value: "127.0.0.1")
        for (name, value) in headers {
            if name.lowercased() == "host" {
                head.headers.replaceOrAdd(name: name, value: value)
            } else {
                head.headers.add(name: name, value: value)
            }
        }
        let chunked = head.headers["transfer-encoding"].contains("chunked")
        if let body, !chunked { head.headers.replaceOrAdd(name: "content-length", value: String(body.count)) }
        let response = self.channel.eventLoop.makePromise(of: Response.self)
        self.collector.expect(response)
        self.channel.write(HTTPClientRequestPart.head(head), promise: nil)
        if let body, !body.isEmpty {
            let size = max(1, (body.count + chunks - 1) / chunks)
            var offset = 0
            while offset < body.count {
                let end = min(offset + size, body.count)
                self.channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body[offset..<end]))), promise: nil)
                offset = end
            }
        }
        // A failed write shows up as the connection closing, which fails `response`.
        self.channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        return try await response.futureResult.get()
    }

    package func close() async {
        try? await self.channel.close()
    }

    /// True once the server closed the connection.
    package var isClosed: Bool { !self.channel.isActive }
}

final class TestHTTPResponseCollector: ChannelInboundHandler, @unchecked Sendable {
    // Touched only on the channel's event loop (promises are added there through `expect`).
    typealias InboundIn = HTTPClientResponsePart

    private var waiting: [EventLoopPromise<TestHTTPConnection.Response>] = []
    private var current: TestHTTPConnection.Response?
    private var loop: (any EventLoop)?
    private var inactive = false

    func handlerAdded(context: ChannelHandlerContext) {
        self.loop = context.eventLoop
    }

    func expect(_ promise: EventLoopPromise<TestHTTPConnection.Response>) {
        promise.futureResult.eventLoop.execute {
            if self.inactive {
                promise.fail(ChannelError.ioOnClosedChannel)
            } else {
                self.waiting.append(promise)
            }
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch Self.unwrapInboundIn(data) {
        case .head(let head):
            if head.status.code < 200 { return }
            self.current = .init(status: Int(head.status.code), headers: head.headers, body: [])
        case .body(let buffer):
            self.current?.body.append(contentsOf: buffer.readableBytesView)
        case .end:
            if let response = self.current, !self.waiting.isEmpty {
                self.waiting.removeFirst().succeed(response)
            }
            self.current = nil
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.inactive = true
        for promise in self.waiting { promise.fail(ChannelError.eof) }
        self.waiting = []
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        for promise in self.waiting { promise.fail(error) }
        self.waiting = []
        context.close(promise: nil)
    }
}
