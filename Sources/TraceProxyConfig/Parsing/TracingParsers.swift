import TraceProxyTracing

/// Parsers of the tracing options (issue 3), each throwing the text that follows the quoted value.
enum TracingParsers {
    /// Turns an optional setting off: `--keep-slower-than off`, `--openapi-path off`, `--admin off`.
    static let offKeyword = "off"

    static var propagatorNames: String { PropagatorName.allCases.map(\.rawValue).joined(separator: ", ") }
    static var samplerNames: String { SamplerSelection.knownNames.joined(separator: ", ") }

    /// `OTEL_PROPAGATORS` syntax via `PropagatorName.parseList`; a list without names is refused
    /// (an empty variable is unset, so this only catches `--propagators ""` or `,`).
    static func propagators(_ text: String) throws(ParseFailure) -> [PropagatorName] {
        guard text.contains(where: { !$0.isWhitespace && $0 != "," }) else {
            throw ParseFailure("has no propagator names (expected a comma-separated list of \(Self.propagatorNames))")
        }
        do {
            return try PropagatorName.parseList(text)
        } catch {
            throw ParseFailure(
                "names an unknown propagator \(String(reflecting: error.value)) (known: \(Self.propagatorNames))")
        }
    }

    static let unknownSampler = ParseFailure("is not a sampler (expected \(samplerNames))")
    static let notARatio = ParseFailure("is not a ratio between 0 and 1 (expected e.g. 0.25)")

    /// `--max-traces-per-second`: a plain decimal; 0 means unlimited (`nil`).
    static func rate(_ text: String) throws(ParseFailure) -> Double? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let isDecimal =
            !parts[0].isEmpty && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        guard isDecimal, let value = Double(text), value.isFinite else {
            throw ParseFailure("is not a rate (expected traces per second such as 100 or 0.5, or 0 for unlimited)")
        }
        return value == 0 ? nil : value
    }

    /// `--keep-slower-than`: a positive duration, or `off` (`nil`).
    static func durationOrOff(_ text: String) throws(ParseFailure) -> Duration? {
        if text == Self.offKeyword { return nil }
        do {
            return try DurationParser.parse(text)
        } catch where error == DurationParser.notADuration {
            throw ParseFailure("is not a duration or off (expected e.g. 250ms, 5s, 2m, or off)")
        }
    }

    /// `--route`: `/path` or `METHOD /path`, with balanced, non-empty `{name}` placeholders.
    ///
    /// The method is upper-case letters and is followed by exactly one space; the path has no spaces,
    /// `?` or `#`, and a placeholder name has no `/`. Returned as written.
    static func route(_ text: String) throws(ParseFailure) -> String {
        let example = "(expected e.g. /orders/{id} or GET /orders/{id})"
        let path: Substring
        if text.hasPrefix("/") {
            path = text[...]
        } else if let space = text.firstIndex(of: " "),
            text[..<space].allSatisfy({ $0.isASCII && $0.isUppercase }), !text[..<space].isEmpty,
            text[text.index(after: space)...].hasPrefix("/")
        {
            path = text[text.index(after: space)...]
        } else {
            throw ParseFailure("does not start with / or with METHOD / \(example)")
        }
        guard !path.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" }) else {
            throw ParseFailure("has a space, ? or # in its path \(example)")
        }
        var placeholder: String?
        for character in path {
            switch character {
            case "{":
                guard placeholder == nil else { throw ParseFailure("has an unbalanced { or } \(example)") }
                placeholder = ""
            case "}":
                guard let name = placeholder else { throw ParseFailure("has an unbalanced { or } \(example)") }
                guard !name.isEmpty else { throw ParseFailure("has an empty placeholder {} \(example)") }
                placeholder = nil
            case "/" where placeholder != nil:
                throw ParseFailure("has an unbalanced { or } \(example)")
            default:
                placeholder?.append(character)
            }
        }
        guard placeholder == nil else { throw ParseFailure("has an unbalanced { or } \(example)") }
        return text
    }

    /// An absolute request path: starts with `/`, no spaces, `?` or `#`.
    static func isPath(_ text: String) -> Bool {
        text.hasPrefix("/") && !text.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" })
    }

    /// `--health-path`.
    static func path(_ text: String) throws(ParseFailure) -> String {
        guard Self.isPath(text) else { throw ParseFailure("is not a path (expected e.g. /healthz)") }
        return text
    }

    /// `--openapi-path`: a path, or `off` (`nil`).
    static func pathOrOff(_ text: String) throws(ParseFailure) -> String? {
        if text == Self.offKeyword { return nil }
        guard Self.isPath(text) else { throw ParseFailure("is not a path or off (expected e.g. /openapi.json, or off)") }
        return text
    }

    /// `--redact-query-param`: a name without `&`, `=`, `#`, `?` or spaces, kept as written.
    static func queryParameterName(_ text: String) throws(ParseFailure) -> String {
        guard !text.isEmpty, !text.contains(where: { $0.isWhitespace || "&=#?".contains($0) }) else {
            throw ParseFailure("is not a query parameter name (expected e.g. token, without &, =, #, ? or spaces)")
        }
        return text
    }
}

/// Parsers of the admin and store options (issue 5).
enum AdminParsers {
    static let notAnAdminAddress = ParseFailure("is not HOST:PORT or off (expected e.g. 127.0.0.1:7801, [::1]:7801 or off)")
    static let notLoopback = ParseFailure("is not a loopback address (add --admin-public to expose the admin server)")
    static let storeSpansRange = 0...1_000_000
    static let traceIDPlaceholder = "{trace_id}"

    /// `--admin`: `HOST:PORT` as `--listen` takes it, or `off` (`nil`).
    static func addressOrOff(_ text: String) throws(ParseFailure) -> SocketAddressSpec? {
        if text == TracingParsers.offKeyword { return nil }
        do {
            return try HostPortParser.parse(text)
        } catch where error == HostPortParser.notHostPort {
            throw Self.notAnAdminAddress
        }
    }

    /// 127.0.0.0/8, `::1` (any spelling, also `::ffff:127.x.x.x`) or `localhost`.
    static func isLoopback(_ host: String) -> Bool {
        if host.lowercased() == "localhost" { return true }
        if let octets = Self.ipv4Octets(host[...]) { return octets[0] == 127 }
        guard let groups = Self.ipv6Groups(host) else { return false }
        if groups == [0, 0, 0, 0, 0, 0, 0, 1] { return true }
        // IPv4-mapped: ::ffff:127.0.0.1
        return groups[0..<5].allSatisfy { $0 == 0 } && groups[5] == 0xffff && groups[6] >> 8 == 127
    }

    private static func ipv4Octets(_ text: Substring) -> [Int]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let octets = parts.compactMap { part -> Int? in
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(part).flatMap { $0 <= 255 ? $0 : nil }
        }
        return octets.count == 4 ? octets : nil
    }

    /// The eight 16-bit groups of an IPv6 address (validated by `Authority.isIPv6`).
    private static func ipv6Groups(_ text: String) -> [Int]? {
        guard Authority.isIPv6(text[...]) else { return nil }
        func groups(_ half: Substring) -> [Int]? {
            guard !half.isEmpty else { return [] }
            var result: [Int] = []
            for group in half.split(separator: ":", omittingEmptySubsequences: false) {
                if let octets = Self.ipv4Octets(group) {
                    result += [octets[0] << 8 | octets[1], octets[2] << 8 | octets[3]]
                } else if let value = Int(group, radix: 16) {
                    result.append(value)
                } else {
                    return nil
                }
            }
            return result
        }
        let halves = text.split(separator: "::", maxSplits: 1, omittingEmptySubsequences: false)
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 8 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count <= 7 else { return nil }
        return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    }

    /// `--store-spans`: 0 to 1000000.
    /// `nil` for `auto`: the count then depends on whether spans are exported (`StoreSize`).
    static func storeSpans(_ text: String) throws(ParseFailure) -> Int? {
        if text.lowercased() == "auto" { return nil }
        let count = try WholeNumberParser.parse(text, atLeast: 0, example: 10000)
        guard Self.storeSpansRange.contains(count) else {
            throw ParseFailure("is out of range (expected 0 to 1000000)")
        }
        return count
    }

    /// `--trace-link-template`: an http(s) URL containing `{trace_id}`.
    static func traceLinkTemplate(_ text: String) throws(ParseFailure) -> String {
        let example = "(expected e.g. https://grafana.example/explore?traceId={trace_id})"
        let lowercased = text.lowercased()
        guard lowercased.hasPrefix("http://") || lowercased.hasPrefix("https://") else {
            throw ParseFailure("is not an http:// or https:// URL \(example)")
        }
        guard text.contains(Self.traceIDPlaceholder) else {
            throw ParseFailure("does not contain {trace_id} \(example)")
        }
        return text
    }
}
