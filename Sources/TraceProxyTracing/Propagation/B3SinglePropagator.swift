import TraceProxyTraceContext

/// Zipkin B3 in one header: `b3: {trace-id}-{span-id}-{sampling}-{parent-span-id}`.
///
/// Spec: https://github.com/openzipkin/b3-propagation#single-header
///
/// | `b3` value                          | extract result                              |
/// | ----------------------------------- | ------------------------------------------- |
/// | `{tid}-{sid}`                       | context, sampling deferred (not sampled)    |
/// | `{tid}-{sid}-1` / `-d`              | context, sampled                            |
/// | `{tid}-{sid}-0`                     | context, not sampled                        |
/// | `{tid}-{sid}-{s}-{parent-sid}`      | as above; the parent span id is checked and ignored |
/// | `0`, `1`, `d` alone                 | nil: a decision with no parent; the root sampler decides |
/// | anything else                       | nil                                          |
///
/// Inject writes `{32-hex trace-id}-{span-id}-{1|0}`.
package struct B3SinglePropagator: Propagator {
    package static let b3 = "b3"

    package init() {}

    package var fields: [String] { [Self.b3] }

    package func extract(from carrier: some HeaderCarrier) -> SpanContext? {
        guard let value = carrier.firstValue(forName: Self.b3) else { return nil }
        let parts = Substring(value).split(separator: "-", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.count <= 4,
            let traceID = B3Format.traceID(parts[0]),
            let spanID = B3Format.spanID(parts[1])
        else { return nil }
        var sampled = false
        if parts.count >= 3 {
            guard let flag = B3Format.isSampled(singleHeaderFlag: parts[2]) else { return nil }
            sampled = flag
        }
        if parts.count == 4 {
            guard B3Format.spanID(parts[3]) != nil else { return nil }
        }
        return SpanContext(traceID: traceID, spanID: spanID, flags: B3Format.flags(sampled: sampled), isRemote: true)
    }

    package func inject(_ context: SpanContext, into carrier: inout some MutableHeaderCarrier) {
        let value = context.traceID.hexString + "-" + context.spanID.hexString + (context.isSampled ? "-1" : "-0")
        carrier.setValue(value, forName: Self.b3)
    }
}
