import TraceProxyTraceContext
import TraceProxyTracing

extension FinishedSpan {
    /// A server span as the proxy records it, with the fields metrics and the store read set from the arguments.
    package static func stub(
        traceID: TraceID = TraceID(high: 0x0102_0304_0506_0708, low: 0x090A_0B0C_0D0E_0F10),
        method: String = "GET",
        route: String? = nil,
        status: Int? = 200,
        durationMilliseconds: Double = 1,
        endUnixSeconds: Double = 1_790_000_000,
        requestBodyBytes: Int? = nil,
        responseBodyBytes: Int? = nil,
        errorType: String? = nil,
        kind: SpanKind = .server,
        spanID: UInt64 = 0x1122_3344_5566_7788
    ) -> FinishedSpan {
        var attributes: [SpanAttribute] = [.string("http.request.method", method), .string("url.path", "/raw/8731")]
        if let route { attributes.append(.string("http.route", route)) }
        if let status { attributes.append(.int("http.response.status_code", status)) }
        if let requestBodyBytes { attributes.append(.int("http.request.body.size", requestBodyBytes)) }
        if let responseBodyBytes { attributes.append(.int("http.response.body.size", responseBodyBytes)) }
        if let errorType { attributes.append(.string("error.type", errorType)) }
        let end = UInt64(endUnixSeconds * 1e9)
        let start = end - UInt64(durationMilliseconds * 1e6)
        return FinishedSpan(
            traceID: traceID,
            spanID: SpanID(spanID),
            parentSpanID: nil,
            parentIsRemote: false,
            traceFlags: .sampled,
            traceState: "",
            name: method,
            kind: kind,
            startTimeUnixNano: start,
            endTimeUnixNano: end,
            status: (status ?? 0) >= 500 || errorType != nil ? .error(message: errorType ?? "") : .unset,
            attributes: attributes
        )
    }
}
