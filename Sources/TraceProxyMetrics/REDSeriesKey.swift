/// The labels of one RED series: route template, method and status code (0 when no response was sent).
///
/// Holds the strings the span already carries, so building a key allocates nothing.
package struct REDSeriesKey: Hashable, Sendable {
    /// The route of spans without an `http.route` template: never the raw path.
    package static let unmatchedRoute = "unmatched"
    /// The route of spans whose series would exceed the cardinality bound.
    package static let overflowRoute = "overflow"

    package var route: String
    package var method: String
    package var statusCode: Int

    package init(route: String, method: String, statusCode: Int) {
        self.route = route
        self.method = method
        self.statusCode = statusCode
    }
}
