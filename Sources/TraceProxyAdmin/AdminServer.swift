import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Synchronization

/// The admin HTTP/1.1 server: probes, `/metrics`, the JSON API and the dashboard, on its own port.
///
/// As a `Service`, it binds in `run()` and serves until graceful shutdown, then stops accepting
/// and closes its connections. Requests are answered in tasks, off the event loops, so a slow
/// query never delays proxied traffic sharing the loops.
package final class AdminServer: Service {
    private typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    private let configuration: Configuration
    private let router: AdminRouter
    private let group: any EventLoopGroup
    private let boundAddress: EventLoopPromise<SocketAddress>
    /// Set by `run()`; a server built but never run completes `boundAddress` in `deinit`.
    private let started = Atomic<Bool>(false)
    private let logger: Logger

    /// - Throws: `AdminConfigurationError` when the host is public and `allowPublic` is off.
    package init(
        configuration: Configuration,
        router: AdminRouter,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) throws(AdminConfigurationError) {
        try configuration.validate()
        self.configuration = configuration
        self.router = router
        self.group = group
        self.boundAddress = group.any().makePromise(of: SocketAddress.self)
        var logger = logger
        logger[metadataKey: "component"] = "admin"
        self.logger = logger
    }

    deinit {
        // NIO traps on promises dropped uncompleted; a configuration check may build a server it never runs.
        if !self.started.load(ordering: .relaxed) { self.boundAddress.fail(ChannelError.ioOnClosedChannel) }
    }

    /// The address actually bound (useful with port 0). Fails if binding failed.
    package var localAddress: SocketAddress {
        get async throws { try await self.boundAddress.futureResult.get() }
    }

    package func run() async throws {
        self.started.store(true, ordering: .relaxed)
        let server: NIOAsyncChannel<Connection, Never>
        do {
            server = try await self.bind()
        } catch {
            self.boundAddress.fail(error)
            throw error
        }
        if let address = server.channel.localAddress {
            self.boundAddress.succeed(address)
            self.logger.info("Admin server listening.", metadata: ["address": "\(address)"])
        }

        let router = self.router
        let logger = self.logger
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { connections in
                try await server.executeThenClose { inbound in
                    for try await connection in inbound {
                        connections.addTask { await Self.serve(connection, router: router, logger: logger) }
                    }
                }
                // Accepting stopped: end keep-alive connections (a dashboard tab holds one open).
                connections.cancelAll()
            }
        } onGracefulShutdown: {
            server.channel.close(promise: nil)
        }
    }

    private func bind() async throws -> NIOAsyncChannel<Connection, Never> {
        try await ServerBootstrap(group: self.group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: self.configuration.host, port: self.configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
    }

    /// Answers requests on one connection in order until it closes or asks to.
    private static func serve(_ connection: Connection, router: AdminRouter, logger: Logger) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                for try await part in inbound {
                    switch part {
                    case .head(let received):
                        head = received
                    case .body:
                        // Admin requests carry no body worth reading; it is drained and ignored.
                        continue
                    case .end:
                        guard let request = head else { continue }
                        head = nil
                        let keepAlive = request.isKeepAlive
                        let response = router.respond(to: AdminRequest(head: request))
                        try await Self.write(response, for: request, keepAlive: keepAlive, to: outbound)
                        if !keepAlive { return }
                    }
                }
            }
        } catch {
            logger.debug("Admin connection ended.", metadata: ["error": "\(error)"])
        }
    }

    private static func write(
        _ response: AdminResponse,
        for request: HTTPRequestHead,
        keepAlive: Bool,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: response.contentType)
        headers.add(name: "Content-Length", value: String(response.body.count))
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let head = HTTPResponseHead(
            version: request.version,
            status: HTTPResponseStatus(statusCode: response.status),
            headers: headers
        )
        // HEAD gets the headers GET would, and no body.
        if request.method == .HEAD || response.body.isEmpty {
            try await outbound.write(contentsOf: [.head(head), .end(nil)])
        } else {
            try await outbound.write(contentsOf: [.head(head), .body(.byteBuffer(ByteBuffer(bytes: response.body))), .end(nil)])
        }
    }
}

extension AdminRequest {
    init(head: HTTPRequestHead) {
        let method: Method =
            switch head.method {
            case .GET: .get
            case .HEAD: .head
            default: .other
            }
        self.init(method: method, uri: head.uri, accept: head.headers.first(name: "accept"))
    }
}
