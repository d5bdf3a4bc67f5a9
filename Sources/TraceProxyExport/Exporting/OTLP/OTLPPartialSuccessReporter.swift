import Logging
import NIOCore
import Synchronization
import TraceProxyUpstream

/// Counts the spans an OTLP backend dropped in a partial success and logs them at most once per interval.
///
/// A partial success is a 200: the batch is never retried (WIRE-FORMATS 1.4), so this is the only trace of it.
package final class OTLPPartialSuccessReporter: Sendable {
    /// Whether answers are binary protobuf or OTLP/JSON (the server answers in the request's content type).
    package enum Format: Sendable { case protobuf, json }

    private let format: Format
    private let stats: ExporterStats
    private let logger: Logger
    private let interval: Duration
    private let state = Mutex(State())

    private struct State {
        var lastLog: ContinuousClock.Instant?
        var rejectedSinceLog = 0
    }

    package init(format: Format, stats: ExporterStats, logger: Logger, interval: Duration = .seconds(30)) {
        self.format = format
        self.stats = stats
        self.logger = logger
        self.interval = interval
    }

    /// Reads an accepted answer's body; an unreadable body is not an error (the batch was accepted).
    package func inspect(_ head: UpstreamResponseHead, body: ByteBuffer) {
        let partial: OTLPPartialSuccess?
        switch self.format {
        case .protobuf: partial = (try? OTLPPartialSuccess.decode(protobuf: body)) ?? nil
        case .json: partial = (try? OTLPPartialSuccess.decode(json: body)) ?? nil
        }
        guard let partial else { return }
        let rejected = Int(clamping: max(0, partial.rejectedSpans))
        self.stats.rejectedPartial.add(rejected, ordering: .relaxed)
        let due = self.state.withLock { state -> Int? in
            state.rejectedSinceLog += rejected
            let now = ContinuousClock.now
            if let last = state.lastLog, now - last < self.interval { return nil }
            state.lastLog = now
            defer { state.rejectedSinceLog = 0 }
            return state.rejectedSinceLog
        }
        guard let due else { return }
        self.logger.warning(
            "OTLP backend accepted a batch only in part.",
            metadata: [
                "exporter": "\(self.stats.name)", "rejected_spans_since_last_log": "\(due)",
                "error_message": "\(partial.errorMessage)",
            ]
        )
    }
}
