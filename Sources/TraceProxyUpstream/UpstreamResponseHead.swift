/// The final (non-1xx) status line and headers of an upstream response.
package struct UpstreamResponseHead: Sendable, Equatable {
    package var status: Int
    /// The reason phrase the upstream sent (may be empty).
    package var reason: String
    /// `(1, 1)` for HTTP/1.1.
    package var version: (major: Int, minor: Int)
    /// Header fields in order, repeated names kept, exactly as received (hop-by-hop ones included:
    /// the caller decides what to pass on).
    package var headers: [(name: String, value: String)]

    package init(status: Int, reason: String, version: (major: Int, minor: Int), headers: [(name: String, value: String)]) {
        self.status = status
        self.reason = reason
        self.version = version
        self.headers = headers
    }

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.status == rhs.status && lhs.reason == rhs.reason && lhs.version == rhs.version
            && lhs.headers.elementsEqual(rhs.headers, by: { $0 == $1 })
    }
}
