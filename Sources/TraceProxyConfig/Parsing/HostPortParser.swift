/// Parses a listen address: `HOST:PORT`, `:PORT` (all IPv4 interfaces) or `[IPv6]:PORT`.
enum HostPortParser {
    static let expected = "expected e.g. 127.0.0.1:7800, :7800 or [::1]:7800"
    static let notHostPort = ParseFailure("is not HOST:PORT (\(expected))")
    static let unbracketedIPv6 = ParseFailure("needs brackets around the IPv6 address (expected e.g. [::1]:7800)")

    /// What `:PORT` binds to.
    static let anyIPv4Host = "0.0.0.0"

    static func parse(_ text: String) throws(ParseFailure) -> SocketAddressSpec {
        switch Authority.split(text[...]) {
        case .unbracketedIPv6:
            throw Self.unbracketedIPv6
        case .malformed, .parts(_, port: nil):
            throw Self.notHostPort
        case .parts(let host, port: let portText?):
            guard let port = Authority.portNumber(portText) else {
                throw portText.allSatisfy({ $0.isASCII && $0.isNumber }) && !portText.isEmpty
                    ? Self.portOutOfRange(portText) : Self.notHostPort
            }
            guard port <= 65535 else { throw Self.portOutOfRange(portText) }
            return SocketAddressSpec(host: host.isEmpty ? Self.anyIPv4Host : host, port: port)
        }
    }

    private static func portOutOfRange(_ port: Substring) -> ParseFailure {
        ParseFailure("has port \(port) out of range (expected 0 to 65535)")
    }
}
