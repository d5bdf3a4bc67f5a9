/// Folds a request method into a bounded label value.
///
/// OpenTelemetry HTTP conventions: methods outside the known set are recorded as `_OTHER`,
/// so a client inventing methods cannot grow the label space.
package enum HTTPMethodLabel {
    private static let known: Set<String> = [
        "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "QUERY",
    ]

    package static let other = "_OTHER"

    package static func normalize(_ method: String) -> String {
        known.contains(method) ? method : other
    }
}
