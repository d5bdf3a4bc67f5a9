import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import TraceProxyUpstream

/// Gentle synthetic traffic for `traceproxy demo`: a few requests a second across the demo's
/// routes, sent through the proxy like a real client (some with an incoming `traceparent`).
final class DemoTraffic: Service {
    private let proxyAddress: @Sendable () async throws -> SocketAddress
    private let requestsPerSecond: Double
    private let client: any UpstreamClient
    private let eventLoop: any EventLoop
    private let logger: Logger

    init(
        proxyAddress: @escaping @Sendable () async throws -> SocketAddress,
        requestsPerSecond: Double,
        client: any UpstreamClient,
        eventLoop: any EventLoop,
        logger: Logger
    ) {
        self.proxyAddress = proxyAddress
        self.requestsPerSecond = requestsPerSecond
        self.client = client
        self.eventLoop = eventLoop
        self.logger = logger
    }

    func run() async throws {
        let address = try await self.proxyAddress()
        let base = "http://127.0.0.1:\(address.port ?? 0)"
        let interval = Duration.seconds(1 / max(0.1, self.requestsPerSecond))
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                while !Task.isCancelled, !Task.isShuttingDownGracefully {
                    let request = Self.nextRequest(base: base)
                    group.addTask {
                        _ = try? await self.client.send(
                            request.0,
                            body: request.1,
                            on: self.eventLoop,
                            timeout: .seconds(5)
                        )
                    }
                    try? await Task.sleep(for: interval)
                }
            }
        } onGracefulShutdown: {}
    }

    /// A weighted mix of the demo's routes.
    static func nextRequest(base: String) -> (UpstreamRequest, ByteBuffer?) {
        var headers: [(name: String, value: String)] = [("Host", "demo.local"), ("User-Agent", "traceproxy-demo/1.0")]
        if Int.random(in: 0..<4) == 0 {
            var generator = SystemRandomNumberGenerator()
            let trace = String(generator.next() as UInt64, radix: 16).leftPadded(16) + String(generator.next() as UInt64, radix: 16).leftPadded(16)
            let parent = String(generator.next() as UInt64 | 1, radix: 16).leftPadded(16)
            headers.append(("traceparent", "00-\(trace)-\(parent)-01"))
        }
        switch Int.random(in: 0..<100) {
        case 0..<45:
            let id = Int.random(in: 0..<100) < 6 ? Int.random(in: 901...999) : Int.random(in: 1...120)
            return (UpstreamRequest(method: "GET", url: base + "/items/\(id)", headers: headers, body: .none), nil)
        case 45..<70:
            return (UpstreamRequest(method: "GET", url: base + "/users/\(Int.random(in: 1...40))/orders", headers: headers, body: .none), nil)
        case 70..<85:
            let body = #"{"item_id":\#(Int.random(in: 1...120)),"quantity":\#(Int.random(in: 1...3))}"#
            headers.append(("Content-Type", "application/json"))
            headers.append(("Content-Length", String(body.utf8.count)))
            return (
                UpstreamRequest(method: "POST", url: base + "/orders", headers: headers, body: .length(Int64(body.utf8.count))),
                ByteBuffer(string: body)
            )
        case 85..<97:
            let words = ["shoes", "lamp", "coffee", "desk", "cable"]
            return (UpstreamRequest(method: "GET", url: base + "/search?q=\(words.randomElement() ?? "x")&page=1", headers: headers, body: .none), nil)
        default:
            return (UpstreamRequest(method: "GET", url: base + "/nope/\(Int.random(in: 1...5))", headers: headers, body: .none), nil)
        }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        self.count >= width ? self : String(repeating: "0", count: width - self.count) + self
    }
}
