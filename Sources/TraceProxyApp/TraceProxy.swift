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
    /// Services that run beside the proxy (the demo's traffic), started after it and stopped before it.
    let companions: Companions?

    /// Builds companion services once the parts exist; `proxyAddress` resolves when the proxy listens.
    package typealias Companions = @Sendable (
        _ proxyAddress: @escaping @Sendable () async throws -> SocketAddress,
        _ group: any EventLoopGroup,
        _ upstream: any UpstreamClient
    ) -> [any Service]

    package init(configuration: TraceProxyConfiguration, environment: [String: String], companions: Companions? = nil) {
        self.configuration = configuration
        self.environment = environment
        self.companions = companions
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

        let processors = try self.makeProcessors()
        let proxy = ProxyServer(
            configuration: self.proxyConfiguration,
            upstream: upstream,
            processor: MultiplexSpanProcessor(processors),
            propagator: self.propagator,
            sampler: self.sampler,
            group: group,
            logger: self.logger.with(component: "proxy")
        )

        let serviceGroup = ServiceGroup(
            configuration: .init(
                // Listed in start order; shutdown runs in reverse, so the proxy drains before spans flush.
                services: processors.map { .init(service: $0) } + [.init(service: proxy)]
                    + (self.companions?({ try await proxy.localAddress }, group, upstream) ?? []).map { .init(service: $0) },
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
                    "exporters": "\(self.configuration.exporters.isEmpty ? "none" : self.configuration.exporters.map(\.rawValue).joined(separator: ","))",
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
            accessLog: self.configuration.accessLog,
            spans: self.spanRecordingOptions
        )
    }

    var spanRecordingOptions: SpanRecordingOptions {
        let configuration = self.configuration
        return SpanRecordingOptions(
            captureRequestHeaders: configuration.captureRequestHeaders,
            captureResponseHeaders: configuration.captureResponseHeaders,
            redactHeaders: Set(configuration.redactHeaders),
            redactQueryParams: Set(configuration.redactQueryParams),
            traceProbes: configuration.traceProbes,
            healthPaths: Set(configuration.healthPaths),
            clientSpans: configuration.clientSpans,
            traceResponse: configuration.traceResponse,
            keepErrors: configuration.keepErrors,
            keepSlowerThan: configuration.keepSlowerThan
        )
    }

    var propagator: any Propagator {
        CompositePropagator(names: self.configuration.propagators)
    }

    var sampler: any Sampler {
        self.configuration.sampler.makeSampler(maxTracesPerSecond: self.configuration.maxTracesPerSecond)
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

    /// One batch processor per configured exporter.
    func makeProcessors() throws -> [BatchSpanProcessor] {
        let resource = self.resource
        return try self.configuration.exporters.map { name -> BatchSpanProcessor in
            let exporter: any SpanExporter
            switch name {
            case .otlp, .jaeger, .zipkin, .datadog:
                throw StartupError("--exporter: \(name.rawValue) is not available in this build")
            case .console:
                do {
                    exporter = try ConsoleSpanExporter(path: self.configuration.consoleOutput, resource: resource)
                } catch {
                    throw StartupError("--console-output: \((error as? ExportError)?.detail ?? "\(error)")")
                }
            }
            return BatchSpanProcessor(
                exporter: exporter,
                configuration: .default,
                logger: self.logger.with(component: "export")
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
