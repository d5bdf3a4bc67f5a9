import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import TraceProxyAdmin
import TraceProxyConfig
import TraceProxyExport
import TraceProxyMetrics
import TraceProxyProxy
import TraceProxyRouting
import TraceProxyStore
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
        // Shared by the Datadog exporter, which fills it, and the sampler, which reads it.
        let agentRates = DatadogAgentRates()
        let processors = try self.makeProcessors(agentRates: agentRates)
        let routes = try self.makeRouteTable()
        // RED metrics and the embedded store see every request, sampled or not.
        let metrics = REDRecorder()
        let store = self.configuration.storeSpans > 0
            ? TraceStore(configuration: .init(maxSpans: self.configuration.storeSpans)) : nil
        let recorders: [any SpanProcessor] = [metrics] + (store.map { [$0] } ?? [])
        var proxyConfiguration = self.proxyConfiguration
        proxyConfiguration.spans.routes = routes
        let proxy = ProxyServer(
            configuration: proxyConfiguration,
            upstream: upstream,
            processor: MultiplexSpanProcessor(processors),
            recorder: MultiplexSpanProcessor(recorders),
            inFlight: metrics,
            propagator: self.propagator,
            sampler: self.makeSampler(agentRates: agentRates),
            group: group,
            logger: self.logger.with(component: "proxy")
        )
        let readiness = Readiness()
        let admin = try self.makeAdminServer(
            metrics: metrics,
            store: store,
            readiness: readiness,
            exporters: processors.map(\.stats),
            group: group
        )

        let serviceGroup = ServiceGroup(
            configuration: .init(
                // Listed in start order; shutdown runs in reverse, so the proxy drains before spans flush
                // and the admin server answers until the end.
                services: processors.map { .init(service: $0) } + (admin.map { [.init(service: $0)] } ?? [])
                    + [.init(service: proxy)]
                    + self.routeDiscovery(into: routes, client: upstream, group: group)
                    + (self.companions?({ try await proxy.localAddress }, group, upstream) ?? []).map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: self.logger.with(component: "lifecycle")
            )
        )

        async let serving: Void = serviceGroup.run()
        do {
            let address = try await Self.bound(setting: "--listen", self.configuration.listen) { try await proxy.localAddress }
            var metadata: Logger.Metadata = [
                "listen": "\(address.ipAddress ?? "?"):\(address.port ?? 0)",
                "upstream": "\(self.configuration.upstream.baseURLString)",
                "exporters": "\(self.configuration.exporters.isEmpty ? "none" : self.configuration.exporters.map(\.rawValue).joined(separator: ","))",
                "service_name": "\(self.configuration.serviceName)",
            ]
            if let admin, let spec = self.configuration.admin {
                let adminAddress = try await Self.bound(setting: "--admin", spec) { try await admin.localAddress }
                metadata["dashboard"] = "http://\(Self.display(adminAddress))/"
            }
            readiness.markReady()
            self.logger.info("traceproxy listening.", metadata: metadata)
        } catch {
            // Every service stops (the proxy too: it must not serve with its exporters gone), then the reason.
            await serviceGroup.triggerGracefulShutdown()
            _ = try? await serving
            throw error
        }
        try await serving
    }

    /// The address a listener bound, or a start-up error naming the setting and address it could not bind.
    private static func bound(
        setting: String,
        _ spec: SocketAddressSpec,
        _ address: () async throws -> SocketAddress
    ) async throws -> SocketAddress {
        do {
            return try await address()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw StartupError("cannot listen on \(spec.host):\(spec.port) (\(setting)): the address is already in use")
        } catch let error as IOError where error.errnoCode == EACCES {
            throw StartupError("cannot listen on \(spec.host):\(spec.port) (\(setting)): permission denied")
        } catch {
            throw StartupError("cannot listen on \(spec.host):\(spec.port) (\(setting)): \(error)")
        }
    }

    /// Explicit `--route` patterns, OpenAPI-discovered ones later, and the path heuristic.
    private func makeRouteTable() throws -> RouteTable {
        var explicit: [RoutePattern] = []
        for text in self.configuration.routes {
            do {
                explicit.append(try RoutePattern(text))
            } catch {
                throw StartupError("--route: \"\(text)\" \(error)")
            }
        }
        return RouteTable(explicit: explicit)
    }

    /// A one-shot service that fetches the OpenAPI document; none with `--openapi-path off`.
    private func routeDiscovery(
        into table: RouteTable,
        client: any UpstreamClient,
        group: any EventLoopGroup
    ) -> [ServiceGroupConfiguration.ServiceConfiguration] {
        guard let path = self.configuration.openAPIPath else { return [] }
        let service = RouteDiscoveryService(
            discovery: OpenAPIDiscovery(path: path, basePath: self.configuration.upstream.basePath),
            table: table,
            baseURL: "\(self.configuration.upstream.scheme.rawValue)://\(self.configuration.upstream.host):\(self.configuration.upstream.port)",
            client: client,
            eventLoop: group.any(),
            logger: self.logger.with(component: "routes")
        )
        // Discovery ends on its own; that must not stop the proxy.
        return [.init(service: service, successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore)]
    }

    /// The admin server, or nil with `--admin off`.
    private func makeAdminServer(
        metrics: REDRecorder,
        store: TraceStore?,
        readiness: Readiness,
        exporters: [ExporterStats],
        group: any EventLoopGroup
    ) throws -> AdminServer? {
        guard let address = self.configuration.admin else { return nil }
        let status = AppStatusSource(
            configuration: self.configuration,
            listen: "\(self.configuration.listen.host):\(self.configuration.listen.port)",
            exporters: exporters,
            started: .now
        )
        let router = AdminRouter(recorder: metrics, store: store, status: status, readiness: readiness)
        do {
            return try AdminServer(
                configuration: .init(host: address.host, port: address.port, allowPublic: self.configuration.adminPublic),
                router: router,
                group: group,
                logger: self.logger.with(component: "admin")
            )
        } catch {
            throw StartupError(error.description)
        }
    }

    /// `127.0.0.1:7801`, `[::1]:7801`.
    static func display(_ address: SocketAddress) -> String {
        let host = address.ipAddress ?? "?"
        let port = address.port ?? 0
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
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

    var upstreamClientConfiguration: CurlUpstreamClient.Configuration {
        var configuration = CurlUpstreamClient.Configuration.default
        configuration.connectTimeout = self.configuration.connectTimeout
        configuration.responseTimeout = self.configuration.upstreamTimeout
        return configuration
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
