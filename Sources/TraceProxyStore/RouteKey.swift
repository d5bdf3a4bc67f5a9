import TraceProxyTracing

/// The route a span is aggregated under: method plus `http.route` template, or `unmatched`.
///
/// Holds the strings the span already carries, so building a key allocates nothing.
package struct RouteKey: Hashable, Sendable {
    package static let unmatchedRoute = "unmatched"
    package static let overflowRoute = "overflow"
    /// OpenTelemetry's label for methods outside the known set.
    package static let otherMethod = HTTPMethodLabel.other

    package var method: String
    package var route: String

    package init(method: String, route: String) {
        self.method = method
        self.route = route
    }

    /// `METHOD route`, as the dashboard lists it and `/api/route?name=` takes it.
    package var displayName: String { "\(self.method) \(self.route)" }

    package static let overflow = RouteKey(method: otherMethod, route: overflowRoute)
}

extension RouteKey {
    /// The key, status code and error flag of a span, from one pass over its attributes.
    ///
    /// A span is an error when its status is error or its status code is 5xx: 4xx are the client's
    /// (OpenTelemetry HTTP server conventions).
    static func classify(_ span: FinishedSpan) -> (key: RouteKey, statusCode: Int, isError: Bool) {
        let fields = HTTPSpanFields(span)
        let key = RouteKey(
            method: HTTPMethodLabel.normalize(fields.method ?? span.name),
            route: fields.route ?? unmatchedRoute
        )
        return (key, fields.statusCode, span.status.isError || fields.statusCode >= 500)
    }
}
