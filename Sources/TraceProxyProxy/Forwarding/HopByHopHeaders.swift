import NIOHTTP1

/// Headers that describe one connection, not the message, and so never cross the proxy
/// (RFC 9110 §7.6.1), plus the names a `Connection` header lists.
enum HopByHopHeaders {
    /// Lowercased names removed in both directions.
    static let names: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
    ]

    /// The lowercased names to drop from `headers`: the fixed set plus the `Connection` tokens.
    static func names(in headers: HTTPHeaders) -> Set<String> {
        var names = Self.names
        for value in headers[canonicalForm: "connection"] {
            names.insert(value.lowercased())
        }
        return names
    }

    /// True when `name` is hop-by-hop; `extra` holds the connection-listed tokens.
    @inline(__always)
    static func isHopByHop(_ name: String, connectionTokens: Set<String>) -> Bool {
        connectionTokens.contains(name.lowercased())
    }
}
