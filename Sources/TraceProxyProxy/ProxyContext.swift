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
    /// Sees every span, sampled or not: RED metrics and the embedded store's aggregates.
    let recorder: any SpanProcessor
    let logger: Logger

    init(
        configuration: ProxyServer.Configuration,
        upstream: any UpstreamClient,
        propagation: TraceContextPropagation,
        processor: any SpanProcessor,
        recorder: any SpanProcessor,
        logger: Logger
    ) {
        self.configuration = configuration
        self.upstream = upstream
        self.propagation = propagation
        self.processor = processor
        self.recorder = recorder
        self.logger = logger
    }

    /// Hands a finished server span on: every span to the recorder, sampled ones to the processors.
    @inline(__always)
    func spanEnded(_ span: FinishedSpan) {
        if self.configuration.accessLog {
            self.logger.info(
                "Request served.",
                metadata: [
                    "method": "\(span.name)",
                    "path": "\(span.attributes["url.path"]?.description ?? "")",
                    "status": "\(span.attributes["http.response.status_code"]?.description ?? "-")",
                    "duration_us": "\(span.durationNanoseconds / 1000)",
                    "trace_id": "\(span.traceID)",
                ]
            )
        }
        self.recorder.onEnd(span)
        if span.traceFlags.isSampled {
            self.processor.onEnd(span)
        }
    }
}
