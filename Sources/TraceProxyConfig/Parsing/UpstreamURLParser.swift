/// Parses the upstream: `http://host[:port][/base/path]` or `https://…`.
///
/// Query, fragment and user info are rejected rather than dropped, so that a
/// pasted URL never silently loses part of itself. The base path keeps its
/// percent-escapes as written and loses trailing slashes.
enum UpstreamURLParser {
    static let notAURL = ParseFailure("is not an http:// or https:// URL (expected e.g. http://127.0.0.1:8000)")
    static let noHost = ParseFailure("has no host (expected e.g. http://127.0.0.1:8000)")
    static let invalidHost = ParseFailure("has an invalid host (expected a name, an IPv4 address or [IPv6])")
    static let unbracketedIPv6 = ParseFailure(
        "needs brackets around the IPv6 address (expected e.g. http://[::1]:8000)")
    static let invalidPort = ParseFailure("has an invalid port (expected 1 to 65535)")
    static let queryOrFragment = ParseFailure("must not have a query or fragment")
    static let userInfo = ParseFailure("must not contain user info (user@ or user:password@)")
    static let invalidPath = ParseFailure("has an invalid character in its path (escape it as %XX)")

    static func parse(_ text: String) throws(ParseFailure) -> UpstreamURL {
        guard let separator = text.firstRange(of: "://"),
            let scheme = UpstreamScheme(rawValue: text[..<separator.lowerBound].lowercased())
        else { throw Self.notAURL }
        let rest = text[separator.upperBound...]
        guard !rest.contains(where: { $0 == "?" || $0 == "#" }) else { throw Self.queryOrFragment }

        let pathStart = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<pathStart]
        guard !authority.contains("@") else { throw Self.userInfo }
        guard !authority.isEmpty else { throw Self.noHost }

        let host: String
        let port: Int
        switch Authority.split(authority) {
        case .unbracketedIPv6:
            throw Self.unbracketedIPv6
        case .malformed:
            throw Self.invalidHost
        case .parts(let name, let portText):
            guard !name.isEmpty else { throw Self.noHost }
            host = name.lowercased()
            if let portText {
                guard let number = Authority.portNumber(portText), (1...65535).contains(number) else {
                    throw Self.invalidPort
                }
                port = number
            } else {
                port = scheme.defaultPort
            }
        }

        let path = rest[pathStart...]
        guard Self.isValidPath(path) else { throw Self.invalidPath }
        var basePath = path
        while basePath.hasSuffix("/") { basePath.removeLast() }
        return UpstreamURL(scheme: scheme, host: host, port: port, basePath: String(basePath))
    }

    /// RFC 3986 `path-abempty`: pchar (unreserved, sub-delims, `:`, `@`, `%XX`) and `/`.
    private static func isValidPath(_ path: Substring) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/")
        var characters = path.makeIterator()
        while let character = characters.next() {
            if character == "%" {
                guard let high = characters.next(), let low = characters.next(),
                    high.isASCII, high.isHexDigit, low.isASCII, low.isHexDigit
                else { return false }
            } else if !allowed.contains(character) {
                return false
            }
        }
        return true
    }
}
