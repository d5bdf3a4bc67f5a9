import Testing

@testable import TraceProxyConfig

@Suite struct UpstreamURLParserTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let text: String
        let expected: UpstreamURL
        let baseURLString: String
        let authority: String
        var testDescription: String { self.text }
    }

    @Test(arguments: [
        Row(
            text: "http://127.0.0.1:8000", expected: .init(scheme: .http, host: "127.0.0.1", port: 8000, basePath: ""),
            baseURLString: "http://127.0.0.1:8000", authority: "127.0.0.1:8000"),
        Row(
            text: "http://127.0.0.1:8000/api",
            expected: .init(scheme: .http, host: "127.0.0.1", port: 8000, basePath: "/api"),
            baseURLString: "http://127.0.0.1:8000/api", authority: "127.0.0.1:8000"),
        Row(
            text: "http://127.0.0.1:8000/api/",
            expected: .init(scheme: .http, host: "127.0.0.1", port: 8000, basePath: "/api"),
            baseURLString: "http://127.0.0.1:8000/api", authority: "127.0.0.1:8000"),
        Row(
            text: "http://example.com", expected: .init(scheme: .http, host: "example.com", port: 80, basePath: ""),
            baseURLString: "http://example.com", authority: "example.com"),
        Row(
            text: "http://example.com:80/", expected: .init(scheme: .http, host: "example.com", port: 80, basePath: ""),
            baseURLString: "http://example.com", authority: "example.com"),
        Row(
            text: "https://Example.COM/", expected: .init(scheme: .https, host: "example.com", port: 443, basePath: ""),
            baseURLString: "https://example.com", authority: "example.com"),
        Row(
            text: "HTTPS://api.example.com:8443/v1//",
            expected: .init(scheme: .https, host: "api.example.com", port: 8443, basePath: "/v1"),
            baseURLString: "https://api.example.com:8443/v1", authority: "api.example.com:8443"),
        Row(
            text: "https://example.com:80",
            expected: .init(scheme: .https, host: "example.com", port: 80, basePath: ""),
            baseURLString: "https://example.com:80", authority: "example.com:80"),
        Row(
            text: "http://[::1]:8000/x", expected: .init(scheme: .http, host: "::1", port: 8000, basePath: "/x"),
            baseURLString: "http://[::1]:8000/x", authority: "[::1]:8000"),
        Row(
            text: "http://[::1]", expected: .init(scheme: .http, host: "::1", port: 80, basePath: ""),
            baseURLString: "http://[::1]", authority: "[::1]"),
        Row(
            text: "http://app:8000/a%20b/c",
            expected: .init(scheme: .http, host: "app", port: 8000, basePath: "/a%20b/c"),
            baseURLString: "http://app:8000/a%20b/c", authority: "app:8000"),
        Row(
            text: "http://app/v1;x=1/@me:~",
            expected: .init(scheme: .http, host: "app", port: 80, basePath: "/v1;x=1/@me:~"),
            baseURLString: "http://app/v1;x=1/@me:~", authority: "app"),
    ])
    func parsesUpstreamURLs(row: Row) throws {
        let url = try UpstreamURLParser.parse(row.text)

        #expect(url == row.expected)
        #expect(url.baseURLString == row.baseURLString)
        #expect(url.authority == row.authority)
    }

    @Test(arguments: [
        ("127.0.0.1:8000", UpstreamURLParser.notAURL),
        ("", UpstreamURLParser.notAURL),
        ("ftp://host", UpstreamURLParser.notAURL),
        ("http:/host", UpstreamURLParser.notAURL),
        ("://host", UpstreamURLParser.notAURL),
        ("http://", UpstreamURLParser.noHost),
        ("http:///api", UpstreamURLParser.noHost),
        ("http://:8000", UpstreamURLParser.noHost),
        ("http://host:0", UpstreamURLParser.invalidPort),
        ("http://host:65536", UpstreamURLParser.invalidPort),
        ("http://host:", UpstreamURLParser.invalidPort),
        ("http://host:http", UpstreamURLParser.invalidPort),
        ("http://host/?q=1", UpstreamURLParser.queryOrFragment),
        ("http://host?q=1", UpstreamURLParser.queryOrFragment),
        ("http://host/api#top", UpstreamURLParser.queryOrFragment),
        ("http://user@host", UpstreamURLParser.userInfo),
        ("http://user:secret@host:80/", UpstreamURLParser.userInfo),
        ("http://::1:8000", UpstreamURLParser.unbracketedIPv6),
        ("http://ho st", UpstreamURLParser.invalidHost),
        ("http://[::1", UpstreamURLParser.invalidHost),
        ("http://[::1]x", UpstreamURLParser.invalidHost),
        ("http://bad!host/", UpstreamURLParser.invalidHost),
        ("http://host/a b", UpstreamURLParser.invalidPath),
        ("http://host/%zz", UpstreamURLParser.invalidPath),
        ("http://host/%4", UpstreamURLParser.invalidPath),
        ("http://host/caf\u{E9}", UpstreamURLParser.invalidPath),
        ("http://host/a\\b", UpstreamURLParser.invalidPath),
    ])
    func rejectsBadUpstreams(text: String, failure: ParseFailure) {
        #expect(throws: failure) { try UpstreamURLParser.parse(text) }
    }
}
