import NIOHTTP1
import TraceProxyTraceContext
import TraceProxyTracing

/// Joins or starts the trace for one request, decides sampling, and writes the context sent upstream.
struct TraceContextPropagation: Sendable {
    let propagator: any Propagator
    let sampler: any Sampler
    let idGenerator: any IDGenerator
    /// Lowercased header names the propagator writes: incoming copies are not forwarded.
    let ownedFields: [String]

    init(propagator: any Propagator, sampler: any Sampler, idGenerator: any IDGenerator) {
        self.propagator = propagator
        self.sampler = sampler
        self.idGenerator = idGenerator
        var owned: [String] = []
        for field in propagator.fields where !owned.contains(field.lowercased()) { owned.append(field.lowercased()) }
        self.ownedFields = owned
    }

    /// The server span's context: a child of a valid incoming context, else a new root.
    func spanContext(for headers: HTTPHeaders, clientSpan: Bool) -> RequestObservation.SpanContext {
        let parent = self.propagator.extract(from: HTTPHeadersCarrier(headers))
        let traceID = parent?.traceID ?? self.idGenerator.nextTraceID()
        // Our own trace ids are fully random (W3C Level 2 `random` flag); a parent's flags are kept.
        var flags = parent?.flags ?? [.random]
        if self.sampler.shouldSample(traceID: traceID, parent: parent).isSampled {
            flags.insert(.sampled)
        } else {
            flags.remove(.sampled)
        }
        return RequestObservation.SpanContext(
            traceID: traceID,
            spanID: self.idGenerator.nextSpanID(),
            parentSpanID: parent?.spanID,
            flags: flags,
            traceState: parent?.traceState ?? TraceState(),
            datadog: parent?.datadog ?? .none,
            clientSpanID: clientSpan ? self.idGenerator.nextSpanID() : nil
        )
    }

    /// Writes the context the upstream sees: its parent is the proxy's client span (or server span).
    func inject(_ context: RequestObservation.SpanContext, into headers: inout [(name: String, value: String)]) {
        // Moved into the carrier and back, so the propagator's writes do not copy the array.
        var carrier = HeaderList()
        swap(&carrier.fields, &headers)
        defer { swap(&carrier.fields, &headers) }
        let outgoing = SpanContext(
            traceID: context.traceID,
            spanID: context.upstreamParentID,
            flags: context.flags,
            traceState: context.traceState,
            isRemote: false,
            datadog: context.datadog
        )
        self.propagator.inject(outgoing, into: &carrier)
    }
}

/// NIO's headers as the propagators read them (names compare case-insensitively).
struct HTTPHeadersCarrier: HeaderCarrier {
    let headers: HTTPHeaders

    init(_ headers: HTTPHeaders) {
        self.headers = headers
    }

    func values(forName lowercasedName: String) -> [String] {
        self.headers[lowercasedName]
    }
}
