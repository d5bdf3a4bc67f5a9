/// Filters for listing stored spans; all set filters must match.
package struct TraceQuery: Sendable, Equatable {
    /// Which responses to keep.
    package enum StatusFilter: String, Sendable, CaseIterable {
        case success = "2xx"
        case redirect = "3xx"
        case clientError = "4xx"
        case serverError = "5xx"
        /// 5xx or span status error.
        case error

        func matches(statusCode: Int?, isError: Bool) -> Bool {
            switch self {
            case .success: (200..<300).contains(statusCode ?? 0)
            case .redirect: (300..<400).contains(statusCode ?? 0)
            case .clientError: (400..<500).contains(statusCode ?? 0)
            case .serverError: (500..<600).contains(statusCode ?? 0)
            case .error: isError
            }
        }
    }

    /// Route display name (`GET /items/{item_id}`).
    package var route: String?
    package var status: StatusFilter?
    package var minDurationMilliseconds: Double?
    /// Lowercase hex prefix of the trace id.
    package var traceIDPrefix: String?
    package var limit: Int

    package init(
        route: String? = nil,
        status: StatusFilter? = nil,
        minDurationMilliseconds: Double? = nil,
        traceIDPrefix: String? = nil,
        limit: Int = 50
    ) {
        self.route = route
        self.status = status
        self.minDurationMilliseconds = minDurationMilliseconds
        self.traceIDPrefix = traceIDPrefix
        self.limit = limit
    }
}
