/// Why an upstream exchange failed. Becomes an HTTP status in exactly one place (the proxy).
package struct UpstreamError: Error, Sendable, Hashable, CustomStringConvertible {
    package enum Kind: String, Sendable, Hashable {
        /// Nothing listens at the upstream address.
        case connectionRefused = "connection_refused"
        /// No connection within the connect timeout.
        case connectTimeout = "connect_timeout"
        /// The upstream accepted but stayed silent longer than the response timeout.
        case responseTimeout = "response_timeout"
        /// The connection broke or the upstream spoke malformed HTTP.
        case protocolError = "protocol_error"
        /// Host name did not resolve.
        case nameResolution = "name_resolution"
        /// The caller cancelled (for example, the client went away).
        case cancelled = "cancelled"
        /// Anything else libcurl reported.
        case other = "other"
    }

    package var kind: Kind
    /// Operator-facing detail for logs (libcurl's message); never sent to clients.
    package var detail: String

    package init(_ kind: Kind, detail: String = "") {
        self.kind = kind
        self.detail = detail
    }

    package var description: String { self.detail.isEmpty ? self.kind.rawValue : "\(self.kind.rawValue): \(self.detail)" }
}
