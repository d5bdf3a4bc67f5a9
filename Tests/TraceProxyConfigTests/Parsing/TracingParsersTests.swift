import Testing

@testable import TraceProxyConfig

@Suite struct TracingParsersTests {
    @Test(arguments: [
        "/", "/orders", "/orders/{id}", "GET /orders/{id}", "DELETE /a/{b}/c/{d}", "/files/{name}.json",
        "/v1/{org_id}/{repo-name}", "PATCH /",
    ])
    func acceptsRoutePatterns(text: String) throws {
        #expect(try TracingParsers.route(text) == text)
    }

    @Test(arguments: [("0", nil), ("0.000", nil), ("1", 1.0), ("0.5", 0.5), ("100", 100.0), ("2.25", 2.25)])
    func parsesRates(text: String, expected: Double?) throws {
        #expect(try TracingParsers.rate(text) == expected)
    }

    @Test(arguments: ["", "-1", "+1", "1e3", ".5", "5.", "1.2.3", "inf", "nan", "0x10", " 1"])
    func rejectsWhatIsNotARate(text: String) {
        #expect(throws: ParseFailure.self) { try TracingParsers.rate(text) }
    }

    @Test(arguments: [("X-Request-ID", "x-request-id"), ("etag", "etag"), ("x_custom~1", "x_custom~1")])
    func lowercasesHeaderNames(text: String, expected: String) throws {
        #expect(try HeaderNameParser.parse(text) == expected)
    }

    @Test(arguments: ["", "a b", "a:b", "é", "a,b", "(x)"])
    func rejectsWhatIsNotAHeaderName(text: String) {
        #expect(throws: HeaderNameParser.notAHeaderName) { try HeaderNameParser.parse(text) }
    }

    @Test(arguments: [("off", nil), ("1ms", Duration.milliseconds(1)), ("1.5s", .milliseconds(1500))])
    func parsesDurationOrOff(text: String, expected: Duration?) throws {
        #expect(try TracingParsers.durationOrOff(text) == expected)
    }
}
