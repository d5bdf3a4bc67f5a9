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
            // The key length rules out most attributes, so few string comparisons run per span.
            let key = attribute.key
            switch (key.utf8.count, attribute.value) {
            case (10, .string(let value)) where key == "http.route": route = value
            case (10, .string(let value)) where key == "error.type": self.errorType = value
            case (19, .string(let value)) where key == "http.request.method": method = value
            case (25, .int(let value)) where key == "http.response.status_code": status = Int(clamping: value)
            case (22, .int(let value)) where key == "http.request.body.size": self.requestBodyBytes = UInt64(clamping: value)
            case (23, .int(let value)) where key == "http.response.body.size": self.responseBodyBytes = UInt64(clamping: value)
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
