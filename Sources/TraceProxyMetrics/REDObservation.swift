import TraceProxyTraceContext
import TraceProxyTracing

/// What the RED recorder takes from one finished server span, read once outside the lock.
struct REDObservation {
    var key: REDSeriesKey
    var durationNanoseconds: UInt64
    var endTimeUnixNano: UInt64
    var traceIDHigh: UInt64
    var traceIDLow: UInt64
    var requestBodyBytes: UInt64 = 0
    var responseBodyBytes: UInt64 = 0
    /// The proxy's own `error.type` when it answered or the exchange broke.
    var errorType: String?

    /// One pass over the attributes: route, method, status, body sizes and error type.
    init(span: FinishedSpan) {
        var route: String?
        var method: String?
        var status = 0
        for attribute in span.attributes {
            switch (attribute.key, attribute.value) {
            case ("http.route", .string(let value)): route = value
            case ("http.request.method", .string(let value)): method = value
            case ("http.response.status_code", .int(let value)): status = Int(clamping: value)
            case ("http.request.body.size", .int(let value)): self.requestBodyBytes = UInt64(clamping: value)
            case ("http.response.body.size", .int(let value)): self.responseBodyBytes = UInt64(clamping: value)
            case ("error.type", .string(let value)): self.errorType = value
            default: continue
            }
        }
        self.key = REDSeriesKey(
            route: route ?? REDSeriesKey.unmatchedRoute,
            method: HTTPMethodLabel.normalize(method ?? span.name),
            statusCode: status
        )
        self.durationNanoseconds = span.durationNanoseconds
        self.endTimeUnixNano = span.endTimeUnixNano
        self.traceIDHigh = span.traceID.high
        self.traceIDLow = span.traceID.low
    }
}
