import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import TraceProxyTestSupport
import TraceProxyTracing
import TraceProxyUpstream

@testable import TraceProxyProxy

/// A real proxy on 127.0.0.1 (port 0) in front of a real test upstream, forwarding through libcurl.
final class ProxyHarness: Sendable {
    let upstream: TestUpstreamServer
    let proxy: ProxyServer
    let client: CurlUpstreamClient
    let spans: InMemorySpanProcessor
    let port: Int
    private let serviceGroup: ServiceGroup
    private let running: Task<Void, any Error>

    private init(
        upstream: TestUpstreamServer,
        proxy: ProxyServer,
        client: CurlUpstreamClient,
        spans: InMemorySpanProcessor,
        port: Int,
        serviceGroup: ServiceGroup,
        running: Task<Void, any Error>
    ) {
        self.upstream = upstream
        self.proxy = proxy
        self.client = client
        self.spans = spans
        self.port = port
        self.serviceGroup = serviceGroup
        self.running = running
    }

    static func start(
        upstreamURL: String? = nil,
        client clientConfiguration: CurlUpstreamClient.Configuration = .default,
        sampler: any Sampler = SamplerSelection.default.makeSampler(),
        propagator: any Propagator = W3CPropagator(),
        configure: (inout ProxyServer.Configuration) -> Void = { _ in }
    ) async throws -> ProxyHarness {
        let upstream = try await TestUpstreamServer.start()
        let base = upstreamURL ?? "http://127.0.0.1:\(upstream.port)"
        var configuration = ProxyServer.Configuration(
            host: "127.0.0.1",
            port: 0,
            upstream: .init(baseURL: base, hostHeader: "127.0.0.1:\(upstream.port)"),
            eventLoopThreads: 2
        )
        configure(&configuration)
        let client = CurlUpstreamClient(configuration: clientConfiguration)
        let spans = InMemorySpanProcessor()
        let logger = Logger(label: "test")
        let proxy = ProxyServer(
            configuration: configuration,
            upstream: client,
            processor: spans,
            propagator: propagator,
            sampler: sampler,
            group: MultiThreadedEventLoopGroup.singleton,
            logger: logger
        )
        let serviceGroup = ServiceGroup(services: [proxy], logger: logger)
        let running = Task { try await serviceGroup.run() }
        let address = try await proxy.localAddress
        return ProxyHarness(
            upstream: upstream,
            proxy: proxy,
            client: client,
            spans: spans,
            port: address.port ?? 0,
            serviceGroup: serviceGroup,
            running: running
        )
    }

    func connect() async throws -> TestHTTPConnection {
        try await TestHTTPConnection.connect(port: self.port)
    }

    /// One request on a fresh connection.
    func request(
        _ method: HTTPMethod = .GET,
        _ uri: String,
        headers: [(String, String)] = [],
        body: [UInt8]? = nil,
        chunks: Int = 1
    ) async throws -> TestHTTPConnection.Response {
        let connection = try await self.connect()
        defer { Task { await connection.close() } }
        return try await connection.request(method, uri, headers: headers, body: body, chunks: chunks)
    }

    func raw(_ request: String, timeout: Duration = .seconds(5)) async throws -> String {
        try await TestHTTPClient.rawExchange(port: self.port, sending: request, timeout: timeout)
    }

    /// Graceful shutdown, as SIGTERM would trigger; returns when the proxy has drained.
    func shutdown() async throws {
        await self.serviceGroup.triggerGracefulShutdown()
        try await self.running.value
        self.client.shutdown()
        try await self.upstream.stop()
    }
}
