import TraceProxyTraceContext
import TraceProxyTracing

/// One trace's spans from one batch: the unit of the `/v0.4/traces` outer array (WIRE-FORMATS 3.1).
package struct DatadogTraceChunk: Sendable {
    package var traceID: TraceID
    /// In input order.
    package var spans: [FinishedSpan]

    /// Groups spans by trace id: chunks in order of each trace's first span, spans in input order.
    package static func group(_ spans: some Collection<FinishedSpan>) -> [DatadogTraceChunk] {
        var chunks: [DatadogTraceChunk] = []
        var chunkIndexByTraceID: [TraceID: Int] = [:]
        for span in spans {
            if let index = chunkIndexByTraceID[span.traceID] {
                chunks[index].spans.append(span)
            } else {
                chunkIndexByTraceID[span.traceID] = chunks.count
                chunks.append(DatadogTraceChunk(traceID: span.traceID, spans: [span]))
            }
        }
        return chunks
    }

    /// The number of chunks `group` would make, for `X-Datadog-Trace-Count`.
    package static func count(_ spans: some Collection<FinishedSpan>) -> Int {
        var traceIDs = Set<TraceID>()
        for span in spans { traceIDs.insert(span.traceID) }
        return traceIDs.count
    }

    /// A local root starts this process's part of the trace: no parent, a remote parent, or a parent
    /// outside the chunk. The agent treats such spans as top-level and reads the sampling priority there.
    package func isLocalRoot(_ span: FinishedSpan) -> Bool {
        guard let parent = span.parentSpanID, !span.parentIsRemote else { return true }
        return !self.spans.contains { $0.spanID == parent }
    }
}
