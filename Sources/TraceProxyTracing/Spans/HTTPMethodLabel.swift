/// Folds a request method into a bounded label value.
///
/// OpenTelemetry HTTP conventions: methods outside the known set are recorded as `_OTHER`,
/// so a client inventing methods cannot grow the label space.
package enum HTTPMethodLabel {
    package static let other = "_OTHER"

    /// A switch, not a set: no hashing, and GET, the common case, matches first.
    package static func normalize(_ method: String) -> String {
        switch method {
        case "GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE", "QUERY": method
        default: other
        }
    }
}
