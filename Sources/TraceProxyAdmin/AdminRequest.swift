/// The parts of an HTTP request the admin router looks at.
package struct AdminRequest: Sendable {
    package enum Method: Sendable, Equatable {
        case get, head, other
    }

    package var method: Method
    /// The path without the query, not decoded (`/api/traces/abc`).
    package var path: String
    package var query: QueryParameters
    /// The `Accept` header, if any.
    package var accept: String?

    /// Splits `uri` into path and query.
    package init(method: Method, uri: String, accept: String? = nil) {
        self.method = method
        if let question = uri.firstIndex(of: "?") {
            self.path = String(uri[..<question])
            self.query = QueryParameters(uri[uri.index(after: question)...])
        } else {
            self.path = uri
            self.query = QueryParameters("")
        }
        self.accept = accept
    }
}
