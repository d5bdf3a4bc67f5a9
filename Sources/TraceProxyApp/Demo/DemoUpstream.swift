import NIOCore
import NIOHTTP1
import NIOPosix

/// The built-in demo service behind `traceproxy demo`: a few routes with realistic, varied latency,
/// some 4xx and 5xx, and an OpenAPI document so route discovery has something to find.
///
/// | route | behaviour |
/// | --- | --- |
/// | `GET /items/{item_id}` | 200 JSON after 2–25 ms; 404 for ids over 900 |
/// | `GET /users/{user_id}/orders` | 200 after 10–80 ms; 2 % 503 |
/// | `POST /orders` | 201 after 20–150 ms; 3 % 500 |
/// | `GET /search` | 200 after 30–400 ms (long tail) |
/// | `GET /healthz` | 200 at once |
/// | `GET /openapi.json` | the OpenAPI 3.1 document of the above |
final class DemoUpstream: Sendable {
    let port: Int
    private let channel: any Channel

    private init(channel: any Channel) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
    }

    static func start(group: any EventLoopGroup) async throws -> DemoUpstream {
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(DemoUpstreamHandler())
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return DemoUpstream(channel: channel)
    }

    func stop() async {
        try? await self.channel.close()
    }

    static let openAPIDocument = """
        {"openapi":"3.1.0","info":{"title":"traceproxy demo","version":"1.0.0"},"paths":{\
        "/items/{item_id}":{"get":{"summary":"Read an item","parameters":[{"name":"item_id","in":"path","required":true,"schema":{"type":"integer"}}],"responses":{"200":{"description":"OK"},"404":{"description":"Not found"}}}},\
        "/users/{user_id}/orders":{"get":{"summary":"A user's orders","parameters":[{"name":"user_id","in":"path","required":true,"schema":{"type":"integer"}}],"responses":{"200":{"description":"OK"}}}},\
        "/orders":{"post":{"summary":"Place an order","responses":{"201":{"description":"Created"}}}},\
        "/search":{"get":{"summary":"Search","parameters":[{"name":"q","in":"query","schema":{"type":"string"}}],"responses":{"200":{"description":"OK"}}}},\
        "/healthz":{"get":{"summary":"Health","responses":{"200":{"description":"OK"}}}}}}
        """
}

/// Answers one request at a time after a simulated processing delay.
final class DemoUpstreamHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private var head: HTTPRequestHead?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch Self.unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            break
        case .end:
            guard let head = self.head else { return }
            self.head = nil
            let (status, body, delayMs) = Self.answer(head)
            let keepAlive = head.isKeepAlive
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(delayMs)) {
                var headers = HTTPHeaders()
                headers.add(name: "content-type", value: body.hasPrefix("{") ? "application/json" : "text/plain")
                headers.add(name: "content-length", value: String(body.utf8.count))
                if !keepAlive { headers.add(name: "connection", value: "close") }
                context.write(Self.wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
                context.write(Self.wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: body)))), promise: nil)
                context.writeAndFlush(Self.wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
                    if !keepAlive { context.close(promise: nil) }
                }
            }
        }
    }

    /// Status, body and delay for a request: the demo's whole "business logic".
    static func answer(_ head: HTTPRequestHead) -> (HTTPResponseStatus, String, Int64) {
        let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
        let parts = path.split(separator: "/")
        switch (head.method, parts.count, parts.first) {
        case (.GET, 1, "openapi.json"):
            return (.ok, DemoUpstream.openAPIDocument, 0)
        case (.GET, 1, "healthz"):
            return (.ok, "ok\n", 0)
        case (.GET, 2, "items"):
            let id = Int(parts[1]) ?? 0
            if id > 900 { return (.notFound, #"{"detail":"item not found"}"#, Self.latency(2, 8)) }
            return (.ok, #"{"id":\#(id),"name":"item \#(id)","price":\#(Double(id) * 1.25)}"#, Self.latency(2, 25))
        case (.GET, 3, "users") where parts[2] == "orders":
            if Int.random(in: 0..<100) < 2 { return (.serviceUnavailable, #"{"detail":"orders backend busy"}"#, Self.latency(50, 120)) }
            return (.ok, #"{"user_id":\#(parts[1]),"orders":[1,2,3]}"#, Self.latency(10, 80))
        case (.POST, 1, "orders"):
            if Int.random(in: 0..<100) < 3 { return (.internalServerError, #"{"detail":"payment failed"}"#, Self.latency(40, 150)) }
            return (.created, #"{"order_id":\#(Int.random(in: 1000...9999))}"#, Self.latency(20, 150))
        case (.GET, 1, "search"):
            // A long tail: most searches are quick, some are very slow.
            let slow = Int.random(in: 0..<100) < 8
            return (.ok, #"{"results":[]}"#, slow ? Self.latency(200, 400) : Self.latency(30, 90))
        default:
            return (.notFound, #"{"detail":"Not Found"}"#, Self.latency(1, 3))
        }
    }

    private static func latency(_ low: Int64, _ high: Int64) -> Int64 {
        Int64.random(in: low...high)
    }
}

@available(*, unavailable)
extension DemoUpstreamHandler: Sendable {}
