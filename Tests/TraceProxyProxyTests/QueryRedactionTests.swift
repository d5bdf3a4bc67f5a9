import Testing

@testable import TraceProxyProxy

/// Secret-looking query values are replaced, everything else is kept byte for byte.
@Suite struct QueryRedactionTests {
    let options = SpanRecordingOptions()

    @Test(arguments: [
        ("user=7&token=abc123&API_KEY=zzz&page=2", "user=7&token=REDACTED&API_KEY=REDACTED&page=2"),
        ("page=2", "page=2"),
        ("token=x", "token=REDACTED"),
        ("Token=", "Token=REDACTED"),
        ("token", "token"),  // no value, nothing to hide
        ("a&&token=1&", "a&&token=REDACTED&"),
        ("=token&x=token", "=token&x=token"),  // only keys are matched
        ("q=gr%C3%BC%C3%9Fe&password=h%C3%BCt&z=ü", "q=gr%C3%BC%C3%9Fe&password=REDACTED&z=ü"),
        ("", ""),
    ])
    func redacts(query: String, expected: String) {
        #expect(self.options.redactedQuery(query[...]) == expected)
    }

    @Test func nothingIsRedactedWhenTheListIsEmpty() {
        let options = SpanRecordingOptions(redactQueryParams: [])
        #expect(options.redactedQuery("token=abc"[...]) == "token=abc")
    }
}
