import NIOCore
import NIOPosix
import TraceProxyTestSupport
import TraceProxyUpstream

/// A `TestUpstreamServer` and a `CurlUpstreamClient` pointed at it, torn down after each test.
struct UpstreamTestFixture {
    let server: TestUpstreamServer
    let client: CurlUpstreamClient
    let eventLoop: any EventLoop

    static func with<T>(
        _ configuration: CurlUpstreamClient.Configuration = .default,
        _ body: (UpstreamTestFixture) async throws -> T
    ) async throws -> T {
        let server = try await TestUpstreamServer.start()
        let client = CurlUpstreamClient(configuration: configuration)
        let fixture = UpstreamTestFixture(
            server: server,
            client: client,
            eventLoop: MultiThreadedEventLoopGroup.singleton.next()
        )
        do {
            let result = try await body(fixture)
            client.shutdown()
            try await server.stop()
            return result
        } catch {
            client.shutdown()
            try await server.stop()
            throw error
        }
    }

    /// The `Host` header a real client would send, which the caller passes through.
    var host: (name: String, value: String) { ("Host", "127.0.0.1:\(self.server.port)") }

    func request(
        _ method: String = "GET",
        _ target: String,
        headers: [(name: String, value: String)]? = nil,
        body: UpstreamRequest.Body = .none
    ) -> UpstreamRequest {
        UpstreamRequest(method: method, url: self.server.url(target), headers: headers ?? [self.host], body: body)
    }

    /// Starts an exchange on the event loop and stores it in `box` there, so that no event reaches
    /// the handler's callbacks before they can use the exchange.
    func start(_ request: UpstreamRequest, handler: RecordingResponseHandler, into box: ExchangeBox) async throws {
        let client = self.client
        try await self.eventLoop.submit {
            box.exchange = client.start(request, on: handler.eventLoop, handler: handler)
        }.get()
    }

    /// Runs one exchange to completion, writing `parts` as the request body with `pause` between them.
    func run(
        _ request: UpstreamRequest,
        parts: [[UInt8]] = [],
        pause: Duration? = nil,
        handler: RecordingResponseHandler? = nil
    ) async throws -> RecordingResponseHandler.Outcome {
        let handler = handler ?? RecordingResponseHandler(eventLoop: self.eventLoop)
        let exchange = self.client.start(request, on: self.eventLoop, handler: handler)
        if request.body != .none {
            for (index, part) in parts.enumerated() {
                if index > 0, let pause { try await Task.sleep(for: pause) }
                exchange.writeRequestBody(ByteBuffer(bytes: part))
            }
            exchange.finishRequestBody()
        }
        return try await handler.completion.futureResult.get()
    }
}
