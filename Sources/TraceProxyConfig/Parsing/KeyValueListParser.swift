/// Parses `key=value,key2=value2` as in `OTEL_EXPORTER_OTLP_HEADERS` and `OTEL_RESOURCE_ATTRIBUTES`.
///
/// Pairs are separated by commas; keys and values are trimmed of spaces; values (not keys) are
/// percent-decoded as UTF-8 (`%2C` is a comma, `+` stays a plus). An empty pair, a pair without
/// `=` or with an empty key, and a bad escape are errors that quote the pair.
///
/// | Input                      | Result                          |
/// | -------------------------- | ------------------------------- |
/// | `a=1, b = 2`               | `[("a", "1"), ("b", "2")]`      |
/// | `auth=Basic%20eDp5`        | `[("auth", "Basic eDp5")]`      |
/// | `a=`                       | `[("a", "")]`                   |
/// | `a=1=2`                    | `[("a", "1=2")]`                |
/// | `a`, `=1`, `a=1,`          | error: malformed pair           |
/// | `a=%zz`, `a=%ff`           | error: bad escape / not UTF-8   |
enum KeyValueListParser {
    /// What a key must look like, and how the error names it.
    struct KeyRule: Sendable {
        let noun: String
        let example: String
        let isValid: @Sendable (String) -> Bool

        /// An HTTP header name: an RFC 9110 token.
        static let headerName = KeyRule(noun: "header name", example: "api-key", isValid: HeaderNameParser.isToken)
        /// A resource attribute key: printable ASCII without spaces, `,` or `=`.
        static let attributeKey = KeyRule(noun: "attribute key", example: "deployment.environment") { key in
            key.allSatisfy { $0.isASCII && !$0.isWhitespace && $0 != "," && $0 != "=" && ($0.asciiValue ?? 0) > 32 }
        }
    }

    static func parse(_ text: String, keys rule: KeyRule) throws(ParseFailure) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let quoted = String(reflecting: ListSplitter.trimmed(item))
            guard let equals = item.firstIndex(of: "=") else { throw Self.malformed(quoted) }
            let key = ListSplitter.trimmed(item[..<equals])
            guard !key.isEmpty else { throw Self.malformed(quoted) }
            guard rule.isValid(key) else {
                throw ParseFailure(
                    "has an invalid \(rule.noun) \(String(reflecting: key)) (expected e.g. \(rule.example))")
            }
            let rawValue = ListSplitter.trimmed(item[item.index(after: equals)...])
            guard let value = PercentDecoding.decode(rawValue) else {
                throw ParseFailure(
                    "has a bad percent-escape in \(quoted) (expected %XX escapes of UTF-8 bytes, e.g. %20 for a space)"
                )
            }
            pairs.append((key, value))
        }
        return pairs
    }

    private static func malformed(_ quotedPair: String) -> ParseFailure {
        ParseFailure("has a malformed pair \(quotedPair) (expected key=value pairs separated by commas)")
    }
}

/// `%XX` decoding as in URLs, without Foundation.
enum PercentDecoding {
    /// The decoded text, or `nil` for a `%` not followed by two hex digits or bytes that are not UTF-8.
    static func decode(_ text: String) -> String? {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var input = Array(text.utf8)[...]
        while let byte = input.popFirst() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = input.popFirst().flatMap(Self.hexValue), let low = input.popFirst().flatMap(Self.hexValue)
            else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
