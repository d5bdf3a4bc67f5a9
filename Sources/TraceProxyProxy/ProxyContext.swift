import Logging
import TraceProxyTraceContext
import TraceProxyTracing
import TraceProxyUpstream

/// What every connection handler shares: immutable after start, so safe on all event loops.
final class ProxyContext: Sendable {
    let configuration: ProxyServer.Configuration
    let upstream: any UpstreamClient
    let propagation: TraceContextPropagation
    let processor: any SpanProcessor
    /// Sees every span, sampled or not: RED metrics and the embedded store (server spans count, client
    /// spans are kept for the trace view).
    let recorder: any SpanProcessor
    let inFlight: any InFlightGauge
    let logger: Logger

    init(
        configuration: ProxyServer.Configuration,
        upstream: any UpstreamClient,
        propagation: TraceContextPropagation,
        processor: any SpanProcessor,
        recorder: any SpanProcessor,
        inFlight: any InFlightGauge,
        logger: Logger
    ) {
        self.configuration = configuration
        self.upstream = upstream
        self.propagation = propagation
        self.processor = processor
        self.recorder = recorder
        self.inFlight = inFlight
        self.logger = logger
    }

    /// Ends the exchange's spans and hands them on: every server span to the recorder (metrics count
    /// everything), sampled ones, or ones kept after the response, to the processors.
    func finished(_ observation: RequestObservation) {
        self.inFlight.requestFinished()
        let end = WallClock.nowUnixNanoseconds()
        let options = self.configuration.spans
        var keep = false
        if !observation.context.flags.isSampled, !observation.isProbe {
            if options.keepErrors, observation.isError {
                keep = true
            } else if let threshold = options.keepSlowerThan,
                Duration.nanoseconds(Int64(end &- observation.startTimeUnixNano)) > threshold
            {
                keep = true
            }
        }
        let (server, client) = observation.finish(endTimeUnixNano: end, options: options, keep: keep)
        if self.configuration.accessLog {
            self.logger.info(
                "Request served.",
                metadata: [
                    "method": "\(observation.method)",
                    "path": "\(observation.path)",
                    "status": "\(observation.statusCode.map(String.init) ?? "-")",
                    "duration_us": "\(server.durationNanoseconds / 1000)",
                    "trace_id": "\(server.traceID)",
                ]
            )
        }
        self.recorder.onEnd(server)
        if let client { self.recorder.onEnd(client) }
        guard server.traceFlags.isSampled, !observation.isProbe else { return }
        if let client { self.processor.onEnd(client) }
        self.processor.onEnd(server)
    }
}
