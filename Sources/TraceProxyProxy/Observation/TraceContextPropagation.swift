import NIOHTTP1
import TraceProxyTraceContext
import TraceProxyTracing

/// Joins or starts the trace for one request and writes the context sent upstream.
struct TraceContextPropagation: Sendable {
    let idGenerator: any IDGenerator

    /// The server span's context: a child of a valid incoming `traceparent`, else a new sampled root.
    func spanContext(for headers: HTTPHeaders) -> RequestObservation.SpanContext {
        let spanID = self.idGenerator.nextSpanID()
        let parents = headers[canonicalForm: "traceparent"]
        if parents.count == 1, let parent = MinimalTraceParent(String(parents[0])) {
            let states = headers[canonicalForm: "tracestate"]
            return .init(
                traceID: parent.traceID,
                spanID: spanID,
                parentSpanID: parent.parentID,
                flags: parent.flags,
                traceState: states.joined(separator: ",")
            )
        }
        return .init(
            traceID: self.idGenerator.nextTraceID(),
            spanID: spanID,
            parentSpanID: nil,
            flags: [.sampled, .random],
            traceState: ""
        )
    }

    /// Header fields this propagation owns: removed from the incoming request before injecting.
    static let fields: Set<String> = ["traceparent", "tracestate"]

    /// Appends the context the upstream sees (its parent is `context.spanID`).
    func inject(_ context: RequestObservation.SpanContext, into headers: inout [(name: String, value: String)]) {
        let value =
            "00-" + context.traceID.hexString + "-" + context.spanID.hexString + "-"
            + Hex.string(byte: context.flags.rawValue)
        headers.append(("traceparent", value))
        if !context.traceState.isEmpty { headers.append(("tracestate", context.traceState)) }
    }
}

/// Version-00 traceparent only; replaced by the full W3C parser.
private struct MinimalTraceParent {
    var traceID: TraceID
    var parentID: SpanID
    var flags: TraceFlags

    init?(_ value: String) {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard value.utf8.count == 55, parts.count == 4, parts[0] == "00",
            let traceID = TraceID(hex: parts[1]), let parentID = SpanID(hex: parts[2]),
            let flags = Hex.parseUInt64(parts[3].utf8), parts[3].utf8.count == 2
        else { return nil }
        self.traceID = traceID
        self.parentID = parentID
        self.flags = TraceFlags(rawValue: UInt8(flags))
    }
}
