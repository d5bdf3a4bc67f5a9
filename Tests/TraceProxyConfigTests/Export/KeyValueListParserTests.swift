import Testing

@testable import TraceProxyConfig

@Suite struct KeyValueListParserTests {
    @Test(arguments: [
        ("a=1", [("a", "1")]),
        ("a=1, b = 2 ", [("a", "1"), ("b", "2")]),
        ("api-key=secret,api-key=other", [("api-key", "secret"), ("api-key", "other")]),
        ("Authorization=Basic%20dXNlcjpwYXNz", [("Authorization", "Basic dXNlcjpwYXNz")]),
        ("a=x%2Cy%3Dz", [("a", "x,y=z")]),
        ("a=%C3%A9t%c3%a9", [("a", "été")]),
        ("a=1+2", [("a", "1+2")]),
        ("a=", [("a", "")]),
        ("a=1=2", [("a", "1=2")]),
        ("a%20b=1", [("a%20b", "1")]),
    ])
    func parsesHeaderPairs(text: String, expected: [(String, String)]) throws {
        let pairs = try KeyValueListParser.parse(text, keys: .headerName)

        #expect(pairs.map(\.0) == expected.map(\.0))
        #expect(pairs.map(\.1) == expected.map(\.1))
    }

    @Test(arguments: [
        ("a", #"has a malformed pair "a" (expected key=value pairs separated by commas)"#),
        ("=1", #"has a malformed pair "=1" (expected key=value pairs separated by commas)"#),
        (" =1", #"has a malformed pair "=1" (expected key=value pairs separated by commas)"#),
        ("", #"has a malformed pair "" (expected key=value pairs separated by commas)"#),
        ("a=1,", #"has a malformed pair "" (expected key=value pairs separated by commas)"#),
        ("a=1,b", #"has a malformed pair "b" (expected key=value pairs separated by commas)"#),
        ("a b=1", #"has an invalid header name "a b" (expected e.g. api-key)"#),
        ("a:b=1", #"has an invalid header name "a:b" (expected e.g. api-key)"#),
        ("a=%", #"has a bad percent-escape in "a=%" (expected %XX escapes of UTF-8 bytes, e.g. %20 for a space)"#),
        ("a=%2", #"has a bad percent-escape in "a=%2" (expected %XX escapes of UTF-8 bytes, e.g. %20 for a space)"#),
        ("a=%g0", #"has a bad percent-escape in "a=%g0" (expected %XX escapes of UTF-8 bytes, e.g. %20 for a space)"#),
        ("a=%ff", #"has a bad percent-escape in "a=%ff" (expected %XX escapes of UTF-8 bytes, e.g. %20 for a space)"#),
    ])
    func rejectsMalformedHeaderLists(text: String, reason: String) {
        #expect(throws: ParseFailure(reason)) { try KeyValueListParser.parse(text, keys: .headerName) }
    }

    @Test(arguments: [
        ("service.name=orders,deployment.environment=prod", [("service.name", "orders"), ("deployment.environment", "prod")]),
        ("team=a%2Fb, k8s.pod.name = web-1", [("team", "a/b"), ("k8s.pod.name", "web-1")]),
        ("note=hello%20world%21", [("note", "hello world!")]),
    ])
    func parsesResourceAttributes(text: String, expected: [(String, String)]) throws {
        let pairs = try KeyValueListParser.parse(text, keys: .attributeKey)

        #expect(pairs.map(\.0) == expected.map(\.0))
        #expect(pairs.map(\.1) == expected.map(\.1))
    }

    @Test(arguments: [("%41%42", "AB"), ("plain", "plain"), ("%E2%9C%93", "✓"), ("100%25", "100%")])
    func percentDecodes(text: String, expected: String) {
        #expect(PercentDecoding.decode(text) == expected)
    }

    @Test(arguments: ["%", "%4", "%4G", "%C3", "%80"])
    func refusesBadEscapes(text: String) {
        #expect(PercentDecoding.decode(text) == nil)
    }
}
