import TraceProxyTraceContext

/// A span that has ended: an immutable value handed to processors and encoders.
package struct FinishedSpan: Sendable, Hashable {
    package var traceID: TraceID
    package var spanID: SpanID
    /// Nil for a root span.
    package var parentSpanID: SpanID?
    /// True when the parent came from an incoming request (a remote parent).
    package var parentIsRemote: Bool
    package var traceFlags: TraceFlags
    /// The W3C `tracestate` value carried with the span, empty when none.
    package var traceState: String
    package var name: String
    package var kind: SpanKind
    package var startTimeUnixNano: UInt64
    package var endTimeUnixNano: UInt64
    package var status: SpanStatus
    package var attributes: [SpanAttribute]

    package init(
        traceID: TraceID,
        spanID: SpanID,
        parentSpanID: SpanID?,
        parentIsRemote: Bool,
        traceFlags: TraceFlags,
        traceState: String,
        name: String,
        kind: SpanKind,
        startTimeUnixNano: UInt64,
        endTimeUnixNano: UInt64,
        status: SpanStatus,
        attributes: [SpanAttribute]
    ) {
        self.traceID = traceID
        self.spanID = spanID
        self.parentSpanID = parentSpanID
        self.parentIsRemote = parentIsRemote
        self.traceFlags = traceFlags
        self.traceState = traceState
        self.name = name
        self.kind = kind
        self.startTimeUnixNano = startTimeUnixNano
        self.endTimeUnixNano = endTimeUnixNano
        self.status = status
        self.attributes = attributes
    }

    package var durationNanoseconds: UInt64 {
        self.endTimeUnixNano >= self.startTimeUnixNano ? self.endTimeUnixNano - self.startTimeUnixNano : 0
    }
}
