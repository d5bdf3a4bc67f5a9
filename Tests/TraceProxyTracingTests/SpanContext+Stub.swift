import TraceProxyTraceContext
import TraceProxyTracing

extension SpanContext {
    static let traceID128 = TraceID(high: 0x463a_c35c_9f64_13ad, low: 0x4848_5a39_53bb_6124)
    static let traceID64 = TraceID(high: 0, low: 0x4848_5a39_53bb_6124)
    static let stubSpanID = SpanID(0x00f0_67aa_0ba9_02b7)

    static func stub(
        traceID: TraceID = Self.traceID128,
        spanID: SpanID = Self.stubSpanID,
        sampled: Bool = true,
        isRemote: Bool = true
    ) -> SpanContext {
        SpanContext(traceID: traceID, spanID: spanID, flags: sampled ? .sampled : [], isRemote: isRemote)
    }
}

extension HeaderList {
    /// A carrier from `name: value` pairs, in order.
    static func headers(_ pairs: (String, String)...) -> HeaderList {
        HeaderList(pairs.map { (name: $0.0, value: $0.1) })
    }

    /// The lines as `name: value` strings, for exact comparisons.
    var lines: [String] { self.fields.map { "\($0.name): \($0.value)" } }
}
