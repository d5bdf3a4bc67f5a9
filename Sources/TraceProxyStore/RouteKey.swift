import TraceProxyTracing

/// The route a span is aggregated under: method plus `http.route` template, or `unmatched`.
///
/// Holds the strings the span already carries, so building a key allocates nothing.
package struct RouteKey: Hashable, Sendable {
    package static let unmatchedRoute = "unmatched"
    package static let overflowRoute = "overflow"
    /// OpenTelemetry's label for methods outside the known set.
    package static let otherMethod = "_OTHER"

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
        var route: String?
        var method: String?
        var status = 0
        for attribute in span.attributes {
            // The key length rules out most attributes, so few string comparisons run per span.
            let key = attribute.key
            switch (key.utf8.count, attribute.value) {
            case (10, .string(let value)) where key == "http.route": route = value
            case (19, .string(let value)) where key == "http.request.method": method = value
            case (25, .int(let value)) where key == "http.response.status_code": status = Int(clamping: value)
            default: continue
            }
        }
        let rawMethod = method ?? span.name
        let key = RouteKey(
            method: isKnownMethod(rawMethod) ? rawMethod : otherMethod,
            route: route ?? unmatchedRoute
        )
        return (key, status, span.status.isError || status >= 500)
    }

    /// A switch, not a set: no hashing, and GET, the common case, matches first.
    private static func isKnownMethod(_ method: String) -> Bool {
        switch method {
        case "GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE", "QUERY": true
        default: false
        }
    }
}
