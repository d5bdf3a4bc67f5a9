import TraceProxyTraceContext

/// The part of a span that crosses process boundaries: what `extract` reads and `inject` writes.
///
/// For `inject`, `spanID` is the span the next hop should name as its parent (the proxy's own span).
package struct SpanContext: Hashable, Sendable {
    package var traceID: TraceID
    package var spanID: SpanID
    package var flags: TraceFlags
    /// W3C `tracestate`; empty when none was received or the format has none.
    package var traceState: TraceState
    /// True when the context came from an incoming request.
    package var isRemote: Bool
    /// Datadog-only data to pass on; `.none` for the other formats.
    package var datadog: DatadogFields

    package init(
        traceID: TraceID,
        spanID: SpanID,
        flags: TraceFlags,
        traceState: TraceState = TraceState(),
        isRemote: Bool,
        datadog: DatadogFields = .none
    ) {
        self.traceID = traceID
        self.spanID = spanID
        self.flags = flags
        self.traceState = traceState
        self.isRemote = isRemote
        self.datadog = datadog
    }

    package var isSampled: Bool { self.flags.isSampled }
}
