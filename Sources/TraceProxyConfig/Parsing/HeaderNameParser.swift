/// Parses an HTTP header name (an RFC 9110 token) and lowercases it.
enum HeaderNameParser {
    static let notAHeaderName = ParseFailure("is not a header name (expected a token such as x-request-id)")

    static func parse(_ text: String) throws(ParseFailure) -> String {
        guard Self.isToken(text) else { throw Self.notAHeaderName }
        return text.lowercased()
    }

    /// `tchar`: letters, digits and ``!#$%&'*+-.^_`|~``; at least one.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "!#$%&'*+-.^_`|~".contains($0)) }
    }
}
