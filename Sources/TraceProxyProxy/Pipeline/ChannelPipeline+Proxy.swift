import Logging
import NIOCore
import NIOHTTP1
import TraceProxyTracing
import TraceProxyUpstream

extension ChannelPipeline.SynchronousOperations {
    /// Adds every handler of a client connection, in order.
    func addProxyHandlers(configuration: ProxyServer.Configuration, shared: ProxyContext) throws {
        let headTimeout = RequestHeadTimeoutHandler(
            headerTimeout: configuration.headerTimeout,
            idleTimeout: configuration.idleTimeout
        )
        // First: it must see raw bytes to time a slow request head.
        try self.addHandler(headTimeout)
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderListSize = configuration.maxHeaderBytes
        limits.maxHeaderFieldSize = configuration.maxHeaderBytes
        // Pipelining assistance answers pipelined requests in order; parser errors reach our handler,
        // which answers with a reason instead of NIO's bare 400.
        try self.configureHTTPServerPipeline(
            withPipeliningAssistance: true,
            withServerUpgrade: nil,
            withErrorHandling: false,
            // Forwarded fields are checked as libcurl hands them over (CurlResponseHeadParser) and the proxy's
            // own are fixed: NIO's validator would re-check every response field on one more pipeline hop.
            withOutboundHeaderValidation: false,
            withEncoderConfiguration: HTTPResponseEncoder.Configuration(),
            withDecoderLimitConfiguration: limits
        )
        try self.addHandler(ProxyRequestHandler(shared: shared, headTimeout: headTimeout))
    }
}

extension ProxyServer {
    /// One client connection's handlers on `pipeline`, without a listening socket: the path a request
    /// takes through the proxy, for benchmarks that drive an `EmbeddedChannel`.
    package static func addConnectionHandlers(
        to pipeline: ChannelPipeline.SynchronousOperations,
        configuration: Configuration,
        upstream: any UpstreamClient,
        processor: any SpanProcessor,
        recorder: any SpanProcessor,
        logger: Logger
    ) throws {
        let shared = ProxyContext(
            configuration: configuration,
            upstream: upstream,
            propagation: TraceContextPropagation(
                propagator: CompositePropagator(names: PropagatorName.defaultList),
                sampler: SamplerSelection.default.makeSampler(),
                idGenerator: RandomIDGenerator()
            ),
            processor: processor,
            recorder: recorder,
            inFlight: NoInFlightGauge(),
            logger: logger
        )
        try pipeline.addProxyHandlers(configuration: configuration, shared: shared)
    }
}
