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

    init(span: FinishedSpan) {
        let fields = HTTPSpanFields(span)
        self.key = REDSeriesKey(
            route: fields.route ?? REDSeriesKey.unmatchedRoute,
            method: HTTPMethodLabel.normalize(fields.method ?? span.name),
            statusCode: fields.statusCode
        )
        self.requestBodyBytes = fields.requestBodyBytes
        self.responseBodyBytes = fields.responseBodyBytes
        self.errorType = fields.errorType
        self.durationNanoseconds = span.durationNanoseconds
        self.endTimeUnixNano = span.endTimeUnixNano
        self.traceIDHigh = span.traceID.high
        self.traceIDLow = span.traceID.low
    }
}
