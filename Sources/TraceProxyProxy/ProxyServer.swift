import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import TraceProxyTracing
import TraceProxyUpstream

/// The front door: accepts client connections and serves each through `ProxyRequestHandler`.
///
/// As a `Service`, it binds in `run()`, serves until graceful shutdown, then stops accepting,
/// lets in-flight requests finish (up to the drain timeout) and closes idle connections.
package final class ProxyServer: Service {
    private let configuration: Configuration
    private let shared: ProxyContext
    private let group: any EventLoopGroup
    private let tracker: ConnectionTracker
    private let boundAddress: EventLoopPromise<SocketAddress>
    private let logger: Logger

    package init(
        configuration: Configuration,
        upstream: any UpstreamClient,
        processor: any SpanProcessor,
        recorder: any SpanProcessor = NoOpSpanProcessor(),
        inFlight: any InFlightGauge = NoInFlightGauge(),
        propagator: any Propagator = CompositePropagator(names: PropagatorName.defaultList),
        sampler: any Sampler = SamplerSelection.default.makeSampler(),
        idGenerator: any IDGenerator = RandomIDGenerator(),
        group: any EventLoopGroup,
        logger: Logger
    ) {
        self.configuration = configuration
        self.group = group
        self.logger = logger
        self.tracker = ConnectionTracker(maxConnections: configuration.maxConnections)
        self.boundAddress = group.any().makePromise(of: SocketAddress.self)
        self.shared = ProxyContext(
            configuration: configuration,
            upstream: upstream,
            propagation: TraceContextPropagation(propagator: propagator, sampler: sampler, idGenerator: idGenerator),
            processor: processor,
            recorder: recorder,
            inFlight: inFlight,
            logger: logger
        )
    }

    /// The address actually bound (useful with port 0). Fails if binding failed.
    package var localAddress: SocketAddress {
        get async throws { try await self.boundAddress.futureResult.get() }
    }

    package func run() async throws {
        let channel: any Channel
        do {
            channel = try await self.bind()
        } catch {
            self.boundAddress.fail(error)
            throw error
        }
        if let address = channel.localAddress { self.boundAddress.succeed(address) }

        // Graceful shutdown stops accepting and drains; cancellation (another service failed, as when the admin
        // port is taken) must stop accepting too, or the proxy would go on serving with its exporters gone.
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                try? await channel.closeFuture.get()
            } onGracefulShutdown: {
                channel.close(promise: nil)
            }
        } onCancel: {
            channel.close(promise: nil)
        }
        await self.drain()
    }

    private func bind() async throws -> any Channel {
        let configuration = self.configuration
        let shared = self.shared
        let tracker = self.tracker
        return try await ServerBootstrap(group: self.group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(tracker)
                }
            }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addProxyHandlers(configuration: configuration, shared: shared)
                }
            }
            .bind(host: configuration.host, port: configuration.port)
            .get()
    }

    /// Waits for in-flight exchanges up to the drain timeout, then closes what remains.
    private func drain() async {
        let eventLoop = self.group.any()
        let quiesced = self.tracker.quiesce(on: eventLoop)
        let timeout = TimeAmount(self.configuration.drainTimeout)
        let deadline = eventLoop.scheduleTask(in: timeout) { [tracker] in
            tracker.closeAll()
        }
        try? await quiesced.get()
        deadline.cancel()
        self.logger.info("Proxy drained.")
    }
}
