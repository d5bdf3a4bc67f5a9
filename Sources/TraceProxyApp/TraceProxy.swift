import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import TraceProxyConfig
import TraceProxyExport
import TraceProxyProxy
import TraceProxyTracing
import TraceProxyUpstream
import UnixSignals

/// The composition root: builds every part from the configuration, in dependency order, and runs
/// them in one `ServiceGroup`. SIGTERM and SIGINT shut down in reverse order: the proxy drains
/// first, then the span processors flush, then the upstream client stops.
package struct TraceProxy {
    let configuration: TraceProxyConfiguration
    let environment: [String: String]
    let logger: Logger

    package init(configuration: TraceProxyConfiguration, environment: [String: String]) {
        self.configuration = configuration
        self.environment = environment
        var logger = Logger(label: "traceproxy")
        logger[metadataKey: "component"] = "app"
        self.logger = logger
    }

    package func run() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        let upstream = CurlUpstreamClient(configuration: self.upstreamClientConfiguration)
        do {
            try await self.serve(group: group, upstream: upstream)
        } catch {
            upstream.shutdown()
            try? await group.shutdownGracefully()
            throw error
        }
        upstream.shutdown()
        try? await group.shutdownGracefully()
        self.logger.info("traceproxy stopped.")
    }

    private func serve(group: MultiThreadedEventLoopGroup, upstream: CurlUpstreamClient) async throws {

        // Shared by the Datadog exporter, which fills it, and the sampler, which reads it.
        let agentRates = DatadogAgentRates()
        let processors = try self.makeProcessors(agentRates: agentRates)
        let proxy = ProxyServer(
            configuration: self.proxyConfiguration,
            upstream: upstream,
            processor: MultiplexSpanProcessor(processors),
            sampler: self.makeSampler(agentRates: agentRates),
            group: group,
            logger: self.logger.with(component: "proxy")
        )

        let serviceGroup = ServiceGroup(
            configuration: .init(
                // Listed in start order; shutdown runs in reverse, so the proxy drains before spans flush.
                services: processors.map { .init(service: $0) } + [.init(service: proxy)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: self.logger.with(component: "lifecycle")
            )
        )

        async let serving: Void = serviceGroup.run()
        do {
            let address = try await proxy.localAddress
            self.logger.info(
                "traceproxy listening.",
                metadata: [
                    "listen": "\(address.ipAddress ?? "?"):\(address.port ?? 0)",
                    "upstream": "\(self.configuration.upstream.baseURLString)",
                    "exporters": "\(self.configuration.exporters.map(\.rawValue).joined(separator: ","))",
                    "service_name": "\(self.configuration.serviceName)",
                ]
            )
        } catch {
            let listen = "\(self.configuration.listen.host):\(self.configuration.listen.port)"
            await serviceGroup.triggerGracefulShutdown()
            _ = try? await serving
            throw StartupError("cannot listen on \(listen): \(error)")
        }
        try await serving
    }
}

extension TraceProxy {
    var proxyConfiguration: ProxyServer.Configuration {
        let upstream = self.configuration.upstream
        return ProxyServer.Configuration(
            host: self.configuration.listen.host,
            port: self.configuration.listen.port,
            upstream: .init(
                baseURL: upstream.baseURLString,
                hostHeader: upstream.authority,
                rewriteHost: self.configuration.rewriteHost
            ),
            headerTimeout: self.configuration.headerTimeout,
            idleTimeout: self.configuration.idleTimeout,
            drainTimeout: self.configuration.drainTimeout,
            maxHeaderBytes: self.configuration.maxHeaderBytes,
            maxConnections: self.configuration.maxConnections,
            accessLog: self.configuration.accessLog
        )
    }

    var upstreamClientConfiguration: CurlUpstreamClient.Configuration {
        var configuration = CurlUpstreamClient.Configuration.default
        configuration.connectTimeout = self.configuration.connectTimeout
        configuration.responseTimeout = self.configuration.upstreamTimeout
        return configuration
    }

    var resource: Resource {
        Resource(serviceName: self.configuration.serviceName, instanceID: InstanceID.make())
    }

    /// One batch processor per configured exporter (`--exporter otlp,datadog` gives two), each with its own
    /// queue and counters, sharing one resource and one HTTP transport.
    func makeProcessors(agentRates: DatadogAgentRates) throws -> [BatchSpanProcessor] {
        let batch = self.configuration.export.batch
        var processing = BatchSpanProcessor.Configuration.default
        processing.maxQueueSize = batch.maxQueueSize
        processing.maxBatchSize = max(1, min(batch.maxExportBatchSize, batch.maxQueueSize))
        processing.scheduleDelay = batch.scheduleDelay
        processing.exportTimeout = max(batch.exportTimeout, self.configuration.export.otlpTimeout)
        let logger = self.logger.with(component: "export")
        var factory = ExporterFactory(
            configuration: self.configuration,
            resources: ExportResources(configuration: self.configuration, instanceID: InstanceID.make()),
            agentRates: agentRates,
            logger: logger
        )
        return try self.configuration.exporters.map { name -> BatchSpanProcessor in
            let stats = ExporterStats(name: name.rawValue)
            return BatchSpanProcessor(
                exporter: try factory.make(name, stats: stats),
                configuration: processing,
                stats: stats,
                logger: logger
            )
        }
    }
}

extension Logger {
    func with(component: String) -> Logger {
        var logger = self
        logger[metadataKey: "component"] = "\(component)"
        return logger
    }
}
