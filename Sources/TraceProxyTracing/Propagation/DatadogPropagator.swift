import TraceProxyTraceContext

/// Datadog's headers: `x-datadog-trace-id`, `x-datadog-parent-id`, `x-datadog-sampling-priority`,
/// `x-datadog-origin` and `x-datadog-tags`.
///
/// Spec: https://docs.datadoghq.com/tracing/trace_collection/trace_context_propagation/
///
/// | header                          | extract                                                        |
/// | ------------------------------- | -------------------------------------------------------------- |
/// | `x-datadog-trace-id`            | decimal, the low 64 bits of the trace id; required, not 0      |
/// | `x-datadog-parent-id`           | decimal span id; required, not 0                               |
/// | `x-datadog-sampling-priority`   | integer; > 0 is sampled; absent or malformed is not sampled    |
/// | `x-datadog-origin`              | kept as is                                                     |
/// | `x-datadog-tags`                | `_dd.p.tid` (16 hex) is the high 64 bits; other `_dd.p.*` kept |
///
/// Inject writes the same headers back. The received priority is kept when it agrees with the
/// sampled flag, otherwise 1 or 0 is written. Tags longer than 512 bytes are ignored, as Datadog's
/// tracers do by default.
package struct DatadogPropagator: Propagator {
    package static let traceIDHeader = "x-datadog-trace-id"
    package static let parentIDHeader = "x-datadog-parent-id"
    package static let samplingPriorityHeader = "x-datadog-sampling-priority"
    package static let originHeader = "x-datadog-origin"
    package static let tagsHeader = "x-datadog-tags"

    /// Datadog tracers' default `DD_TRACE_X_DATADOG_TAGS_MAX_LENGTH`.
    package static let maxTagsLength = 512

    private static let tidKey = "_dd.p.tid"
    private static let propagatedTagPrefix = "_dd.p."

    package init() {}

    package var fields: [String] {
        [Self.traceIDHeader, Self.parentIDHeader, Self.samplingPriorityHeader, Self.originHeader, Self.tagsHeader]
    }

    package func extract(from carrier: some HeaderCarrier) -> SpanContext? {
        guard let traceText = carrier.firstValue(forName: Self.traceIDHeader),
            let parentText = carrier.firstValue(forName: Self.parentIDHeader),
            let low = Self.decimal(traceText), low != 0,
            let parent = Self.decimal(parentText), parent != 0
        else { return nil }

        var fields = DatadogFields()
        fields.samplingPriority = carrier.firstValue(forName: Self.samplingPriorityHeader).flatMap { Int($0) }
        fields.origin = carrier.firstValue(forName: Self.originHeader).flatMap { $0.isEmpty ? nil : $0 }
        var high: UInt64 = 0
        if let tags = carrier.firstValue(forName: Self.tagsHeader), tags.utf8.count <= Self.maxTagsLength {
            for pair in tags.split(separator: ",") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let key = pair[..<equals]
                let value = pair[pair.index(after: equals)...]
                guard key.hasPrefix(Self.propagatedTagPrefix), !value.isEmpty else { continue }
                if key == Self.tidKey {
                    // A malformed tid is dropped; the 64-bit id still joins the trace.
                    if value.utf8.count == 16, let parsed = Hex.parseUInt64(value.utf8) { high = parsed }
                } else {
                    fields.tags.append(DatadogFields.Tag(key: String(key), value: String(value)))
                }
            }
        }
        let sampled = (fields.samplingPriority ?? 0) > 0
        return SpanContext(
            traceID: TraceID(high: high, low: low),
            spanID: SpanID(parent),
            flags: sampled ? .sampled : [],
            isRemote: true,
            datadog: fields
        )
    }

    package func inject(_ context: SpanContext, into carrier: inout some MutableHeaderCarrier) {
        carrier.setValue(String(context.traceID.low), forName: Self.traceIDHeader)
        carrier.setValue(String(context.spanID.value), forName: Self.parentIDHeader)

        let priority: Int
        if let received = context.datadog.samplingPriority, (received > 0) == context.isSampled {
            priority = received
        } else {
            priority = context.isSampled ? 1 : 0
        }
        carrier.setValue(String(priority), forName: Self.samplingPriorityHeader)
        carrier.setValue(context.datadog.origin, forName: Self.originHeader)

        var tags: [String] = []
        if context.traceID.high != 0 { tags.append(Self.tidKey + "=" + Hex.string(context.traceID.high)) }
        for tag in context.datadog.tags { tags.append(tag.key + "=" + tag.value) }
        carrier.setValue(tags.isEmpty ? nil : tags.joined(separator: ","), forName: Self.tagsHeader)
    }

    /// Strict unsigned decimal: digits only, as Datadog sends (no sign, no spaces).
    private static func decimal(_ text: String) -> UInt64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return UInt64(text)
    }
}
