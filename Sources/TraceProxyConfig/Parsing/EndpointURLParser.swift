/// Checks an exporter endpoint: an `http://` or `https://` URL with a host, kept as written.
///
/// The grammar is the upstream's (`UpstreamURLParser`): no query, fragment or user info.
enum EndpointURLParser {
    static func parse(_ text: String, example: String) throws(ParseFailure) -> String {
        do {
            _ = try UpstreamURLParser.parse(text)
        } catch where error == UpstreamURLParser.notAURL || error == UpstreamURLParser.noHost {
            throw ParseFailure("is not an http:// or https:// URL with a host (expected e.g. \(example))")
        }
        return text
    }
}

/// The environment-only host and port variables (`OTEL_EXPORTER_JAEGER_AGENT_*`, `DD_AGENT_HOST`, ...).
enum AgentAddressParser {
    static let notAHost = ParseFailure("is not a host name or IP address (expected e.g. localhost, 10.0.0.5 or ::1)")
    static let notAPort = ParseFailure("is not a port (expected 1 to 65535)")

    /// A DNS name, an IPv4 address or an IPv6 address (brackets optional, removed).
    static func host(_ text: String) throws(ParseFailure) -> String {
        var host = text[...]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard Authority.isHostName(host) || Authority.isIPv6(host) else { throw Self.notAHost }
        return String(host)
    }

    static func port(_ text: String) throws(ParseFailure) -> Int {
        guard let port = Authority.portNumber(text[...]), (1...65535).contains(port) else { throw Self.notAPort }
        return port
    }
}

/// A whole number of milliseconds, as the OpenTelemetry variables take them.
enum MillisecondsParser {
    static func parse(_ text: String, atLeast minimum: Int) throws(ParseFailure) -> Duration {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ParseFailure("is not a whole number of milliseconds (expected e.g. 10000)")
        }
        guard let value = Int(text), value <= Int(Int32.max) * 1000 else { throw ParseFailure("is too large") }
        guard value >= minimum else { throw ParseFailure("must be at least \(minimum)") }
        return .milliseconds(value)
    }
}
