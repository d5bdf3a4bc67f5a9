import TraceProxyTracing

/// Headers that describe one connection, not the message, and so never cross the proxy
/// (RFC 9110 §7.6.1), plus the names a `Connection` header lists.
enum HopByHopHeaders {
    /// Lowercased names removed in both directions.
    static let names: [String] = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
    ]

    /// True for one of the fixed hop-by-hop names, in any case. Checked per header per request, so it
    /// compares bytes and allocates nothing.
    static func isFixed(_ name: String) -> Bool {
        switch name.utf8.count {
        case 2: return name.equalsIgnoringASCIICase("te")
        case 7: return name.equalsIgnoringASCIICase("trailer") || name.equalsIgnoringASCIICase("upgrade")
        case 10: return name.equalsIgnoringASCIICase("connection") || name.equalsIgnoringASCIICase("keep-alive")
        case 16: return name.equalsIgnoringASCIICase("proxy-connection")
        case 17: return name.equalsIgnoringASCIICase("transfer-encoding")
        default: return false
        }
    }

    /// The lowercased tokens of every `Connection` field in `fields` that are not fixed names already:
    /// the extra names the sender declared hop-by-hop. Empty (and unallocated) in the usual case.
    static func connectionTokens<Fields: Sequence<(name: String, value: String)>>(in fields: Fields) -> [String] {
        var tokens: [String] = []
        for (name, value) in fields where name.equalsIgnoringASCIICase("connection") {
            // The usual values name nothing beyond the fixed set.
            if value.equalsIgnoringASCIICase("keep-alive") || value.equalsIgnoringASCIICase("close") { continue }
            for token in value.utf8.split(separator: UInt8(ascii: ",")) {
                let trimmed = Substring(token).trimmingWhitespace()
                if trimmed.isEmpty { continue }
                let lowered = trimmed.lowercased()
                if !Self.isFixed(lowered) { tokens.append(lowered) }
            }
        }
        return tokens
    }

    /// True when `name` must not be forwarded: a fixed hop-by-hop name or one of `connectionTokens`.
    @inline(__always)
    static func isHopByHop(_ name: String, connectionTokens: [String]) -> Bool {
        if Self.isFixed(name) { return true }
        for token in connectionTokens where name.equalsIgnoringASCIICase(token) { return true }
        return false
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
