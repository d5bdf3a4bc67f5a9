/// The `host[:port]` grammar shared by the listen address and the upstream URL.
///
/// | Input            | Result                                 |
/// | ---------------- | -------------------------------------- |
/// | `example.com`    | host `example.com`, no port            |
/// | `example.com:80` | host `example.com`, port text `80`     |
/// | `:80`            | empty host, port text `80`             |
/// | `[::1]:80`       | host `::1`, port text `80`             |
/// | `::1:80`         | `.unbracketedIPv6`                     |
/// | `[::1`, `a b`    | `.malformed`                           |
enum Authority {
    enum Split: Equatable {
        case parts(host: String, port: Substring?)
        case unbracketedIPv6
        case malformed
    }

    static func split(_ text: Substring) -> Split {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return .malformed }
            let host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard Self.isIPv6(host) else { return .malformed }
            if rest.isEmpty { return .parts(host: String(host), port: nil) }
            guard rest.hasPrefix(":") else { return .malformed }
            return .parts(host: String(host), port: rest.dropFirst())
        }
        let colons = text.count(where: { $0 == ":" })
        if colons > 1 { return Self.isIPv6(text) ? .unbracketedIPv6 : .malformed }
        guard let colon = text.firstIndex(of: ":") else {
            return Self.isHostName(text) ? .parts(host: String(text), port: nil) : .malformed
        }
        let host = text[..<colon]
        guard host.isEmpty || Self.isHostName(host) else { return .malformed }
        return .parts(host: String(host), port: text[text.index(after: colon)...])
    }

    /// The port's value if `text` is 1 to 5 ASCII digits (the range is checked by the caller).
    static func portNumber(_ text: Substring) -> Int? {
        guard (1...5).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// A DNS name or dotted IPv4 address: labels of letters, digits, `-` and `_`, at most 253 characters.
    static func isHostName(_ text: Substring) -> Bool {
        guard !text.isEmpty, text.count <= 253 else { return false }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        let labelCharacters = labels.allSatisfy { label in
            (1...63).contains(label.count)
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        }
        guard labelCharacters else { return false }
        // All-numeric names are meant as IPv4 addresses, so hold them to that grammar.
        if labels.allSatisfy({ $0.allSatisfy(\.isNumber) }) {
            return labels.count == 4 && labels.allSatisfy { $0.count <= 3 && Int($0).map { $0 <= 255 } == true }
        }
        return true
    }

    /// RFC 4291 text form: eight 16-bit hex groups, one `::` for a run of zeros, optional trailing IPv4.
    static func isIPv6(_ text: Substring) -> Bool {
        let halves = text.split(separator: "::", maxSplits: 2, omittingEmptySubsequences: false)
        guard halves.count <= 2 else { return false }
        var groupCount = 0
        for (halfIndex, half) in halves.enumerated() {
            guard !half.isEmpty else { continue }
            let groups = half.split(separator: ":", omittingEmptySubsequences: false)
            for (groupIndex, group) in groups.enumerated() {
                let isLastGroup = halfIndex == halves.count - 1 && groupIndex == groups.count - 1
                if isLastGroup, group.contains("."), Self.isHostName(group),
                    group.allSatisfy({ $0 == "." || $0.isNumber })
                {
                    groupCount += 2
                } else if (1...4).contains(group.count), group.allSatisfy({ $0.isASCII && $0.isHexDigit }) {
                    groupCount += 1
                } else {
                    return false
                }
            }
        }
        return halves.count == 2 ? groupCount <= 7 : groupCount == 8
    }
}
