import TraceProxyTraceContext

/// Zipkin B3 in several headers: `X-B3-TraceId`, `X-B3-SpanId`, `X-B3-Sampled`, `X-B3-Flags`, `X-B3-ParentSpanId`.
///
/// Spec: https://github.com/openzipkin/b3-propagation#multiple-headers
///
/// | headers                                   | extract result                          |
/// | ----------------------------------------- | --------------------------------------- |
/// | TraceId (16/32 hex) + SpanId (16 hex)     | context, not sampled unless below       |
/// | ... + `X-B3-Sampled: 1` (or `true`)       | sampled                                 |
/// | ... + `X-B3-Flags: 1` (debug)             | sampled, whatever `X-B3-Sampled` says   |
/// | ... + an unknown `X-B3-Sampled` value     | nil                                     |
/// | TraceId or SpanId missing or malformed    | nil                                     |
///
/// Inject writes TraceId (32 hex), SpanId and Sampled (`1`/`0`) and removes stale Flags and ParentSpanId.
package struct B3MultiPropagator: Propagator {
    package static let traceIDHeader = "x-b3-traceid"
    package static let spanIDHeader = "x-b3-spanid"
    package static let sampledHeader = "x-b3-sampled"
    package static let flagsHeader = "x-b3-flags"
    package static let parentSpanIDHeader = "x-b3-parentspanid"

    package init() {}

    package var fields: [String] {
        [Self.traceIDHeader, Self.spanIDHeader, Self.sampledHeader, Self.flagsHeader, Self.parentSpanIDHeader]
    }

    package func extract(from carrier: some HeaderCarrier) -> SpanContext? {
        guard let traceText = carrier.firstValue(forName: Self.traceIDHeader),
            let spanText = carrier.firstValue(forName: Self.spanIDHeader),
            let traceID = B3Format.traceID(Substring(traceText)),
            let spanID = B3Format.spanID(Substring(spanText))
        else { return nil }
        var sampled = false
        if let sampledText = carrier.firstValue(forName: Self.sampledHeader) {
            guard let flag = B3Format.isSampled(multiHeaderValue: Substring(sampledText)) else { return nil }
            sampled = flag
        }
        // "Debug is encoded as X-B3-Flags: 1. Debug implies an accept decision."
        if carrier.firstValue(forName: Self.flagsHeader) == "1" { sampled = true }
        return SpanContext(traceID: traceID, spanID: spanID, flags: B3Format.flags(sampled: sampled), isRemote: true)
    }

    package func inject(_ context: SpanContext, into carrier: inout some MutableHeaderCarrier) {
        carrier.setValue(context.traceID.hexString, forName: Self.traceIDHeader)
        carrier.setValue(context.spanID.hexString, forName: Self.spanIDHeader)
        carrier.setValue(context.isSampled ? "1" : "0", forName: Self.sampledHeader)
        // The incoming ones describe the hop before us; passed on they would name the wrong parent.
        carrier.setValue(nil, forName: Self.flagsHeader)
        carrier.setValue(nil, forName: Self.parentSpanIDHeader)
    }
}
