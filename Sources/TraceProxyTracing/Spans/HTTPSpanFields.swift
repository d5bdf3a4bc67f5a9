/// The HTTP attributes the RED recorder and the span store both group by, read in one pass over a span.
package struct HTTPSpanFields {
    package var route: String?
    package var method: String?
    /// 0 when the span has none (the upstream never answered).
    package var statusCode = 0
    /// The proxy's own `error.type` when it answered or the exchange broke.
    package var errorType: String?
    package var requestBodyBytes: UInt64 = 0
    package var responseBodyBytes: UInt64 = 0

    package init(_ span: FinishedSpan) {
        for attribute in span.attributes {
            // The key length rules out most attributes, so few string comparisons run per span.
            let key = attribute.key
            switch (key.utf8.count, attribute.value) {
            case (10, .string(let value)) where key == "http.route": self.route = value
            case (10, .string(let value)) where key == "error.type": self.errorType = value
            case (19, .string(let value)) where key == "http.request.method": self.method = value
            case (25, .int(let value)) where key == "http.response.status_code": self.statusCode = Int(clamping: value)
            case (22, .int(let value)) where key == "http.request.body.size": self.requestBodyBytes = UInt64(clamping: value)
            case (23, .int(let value)) where key == "http.response.body.size": self.responseBodyBytes = UInt64(clamping: value)
            default: continue
            }
        }
    }
}
