import TraceProxyTraceContext

/// W3C Trace Context: `traceparent` and `tracestate`.
///
/// Spec: https://www.w3.org/TR/trace-context-2/#processing-model
package struct W3CPropagator: Propagator {
    package static let traceparent = "traceparent"
    package static let tracestate = "tracestate"

    /// The flags a participant passes on; other bits are unknown to us and
    /// "vendors MUST set those to zero" (Level 1, 3.2.2.5).
    package static let propagatedFlags: TraceFlags = [.sampled, .random]

    package init() {}

    package var fields: [String] { [Self.traceparent, Self.tracestate] }

    package func extract(from carrier: some HeaderCarrier) -> SpanContext? {
        guard let parent = TraceParent(headerValues: carrier.values(forName: Self.traceparent)) else { return nil }
        // "If the vendor failed to parse traceparent, it MUST NOT attempt to parse tracestate": handled by the
        // guard above. An invalid tracestate alone is dropped and the parent kept.
        let state = TraceState(headerValues: carrier.values(forName: Self.tracestate)) ?? TraceState()
        return SpanContext(
            traceID: parent.traceID,
            spanID: parent.parentID,
            flags: parent.flags.intersection(Self.propagatedFlags),
            traceState: state,
            isRemote: true
        )
    }

    package func inject(_ context: SpanContext, into carrier: inout some MutableHeaderCarrier) {
        let parent = TraceParent(
            traceID: context.traceID,
            parentID: context.spanID,
            flags: context.flags.intersection(Self.propagatedFlags)
        )
        carrier.setValue(parent.headerValue, forName: Self.traceparent)
        // A stale incoming tracestate must not travel with a new traceparent.
        carrier.setValue(context.traceState.isEmpty ? nil : context.traceState.headerValue, forName: Self.tracestate)
    }
}
