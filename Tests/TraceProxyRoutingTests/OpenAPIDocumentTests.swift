import Testing
import TraceProxyRouting

@Suite struct OpenAPIDocumentTests {
    /// FastAPI's own templates for `deploy/example-app/app.py` (its `APIRoute`s' `path` and `methods`),
    /// with a concrete request for each.
    static let exampleRoutes: [(method: String, template: String, request: String)] = [
        ("GET", "/", "/"),
        ("GET", "/items/{item_id}", "/items/8731"),
        ("POST", "/items", "/items"),
        ("GET", "/users/{user_id}/orders/{order_id}", "/users/5/orders/abc-1"),
        ("GET", "/trace-headers", "/trace-headers"),
        ("POST", "/echo", "/echo"),
        ("GET", "/status/{code}", "/status/418"),
        ("GET", "/slow", "/slow"),
        ("GET", "/gzip", "/gzip"),
        ("GET", "/stream", "/stream"),
        ("GET", "/cookies", "/cookies"),
        ("GET", "/fail", "/fail"),
    ]

    @Test func readsEveryOperationOfTheExampleApp() throws {
        let patterns = try OpenAPIDocument.parse(json: try Fixture.bytes("example-openapi.json"))
        #expect(patterns.map(\.description) == Self.exampleRoutes.map { $0.method + " " + $0.template })
    }

    @Test(arguments: Self.exampleRoutes)
    func everyExampleRouteMapsToFastAPIsTemplate(_ method: String, _ template: String, _ request: String) throws {
        let table = RouteTable(openAPI: try OpenAPIDocument.parse(json: try Fixture.bytes("example-openapi.json")))
        #expect(table.route(method: method, path: request[...]) == template)
    }

    @Test func unknownPathsOfTheExampleAppFallBackToTheHeuristic() throws {
        let table = RouteTable(openAPI: try OpenAPIDocument.parse(json: try Fixture.bytes("example-openapi.json")))
        #expect(table.route(method: "GET", path: "/nope/12") == "/nope/{id}")
        #expect(table.route(method: "GET", path: "/items/") == "/items/")  // FastAPI redirects this one
    }

    static func json(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func operationsOnlyNotOtherPathItemKeys() throws {
        let document = try OpenAPIDocument(
            json: Self.json(
                #"""
                {"openapi": "3.1.0", "paths": {
                  "/a/{id}": {"summary": "x", "parameters": [], "get": {}, "delete": {}, "x-internal": {}},
                  "/b": {"$ref": "#/components/pathItems/b"}
                }}
                """#
            )
        )
        #expect(document.patterns.map(\.description) == ["GET /a/{id}", "DELETE /a/{id}", "/b"])
        #expect(document.skipped.isEmpty)
    }

    @Test func inexpressiblePathsAreSkippedAndReported() throws {
        let document = try OpenAPIDocument(
            json: Self.json(#"{"openapi": "3.0.2", "paths": {"/files/{name}.{ext}": {"get": {}}, "/ok": {"get": {}}}}"#)
        )
        #expect(document.patterns.map(\.description) == ["GET /ok"])
        #expect(document.skipped.map(\.path) == ["/files/{name}.{ext}"])
        #expect(document.skipped.first?.error.reason == .parameterInsideSegment)
    }

    static let prefixCases: [(document: String, basePath: String, useServerPath: Bool, expected: String)] = [
        (#"{"openapi": "3.1.0", "paths": {"/x": {"get": {}}}}"#, "", true, "GET /x"),
        (#"{"openapi": "3.1.0", "paths": {"/x": {"get": {}}}}"#, "/api/", true, "GET /api/x"),
        (#"{"openapi": "3.1.0", "paths": {"/x": {"get": {}}}}"#, "api", true, "GET /api/x"),
        (#"{"openapi": "3.1.0", "servers": [{"url": "/v1"}], "paths": {"/x": {"get": {}}}}"#, "", true, "GET /v1/x"),
        (
            #"{"openapi": "3.1.0", "servers": [{"url": "https://api.example.com/v2/"}, {"url": "/other"}], "#
                + #""paths": {"/x": {"get": {}}}}"#,
            "", true, "GET /v2/x"
        ),
        (
            #"{"openapi": "3.1.0", "servers": [{"url": "https://api.example.com"}], "paths": {"/x": {"get": {}}}}"#, "",
            true, "GET /x"
        ),
        (#"{"openapi": "3.1.0", "servers": [{"url": "/"}], "paths": {"/x": {"get": {}}}}"#, "", true, "GET /x"),
        (
            #"{"openapi": "3.1.0", "servers": [{"url": "/v1"}], "paths": {"/x": {"get": {}}}}"#, "/gw", true,
            "GET /gw/v1/x"
        ),
        (
            #"{"openapi": "3.1.0", "servers": [{"url": "/v1"}], "paths": {"/x": {"get": {}}}}"#, "/gw", false,
            "GET /gw/x"
        ),
        (#"{"swagger": "2.0", "basePath": "/legacy", "paths": {"/x": {"get": {}}}}"#, "", true, "GET /legacy/x"),
    ]

    @Test(arguments: Self.prefixCases)
    func prefixes(_ document: String, _ basePath: String, _ useServerPath: Bool, _ expected: String) throws {
        let parsed = try OpenAPIDocument(json: Self.json(document), basePath: basePath, useServerPath: useServerPath)
        #expect(parsed.patterns.map(\.description) == [expected])
    }

    static let brokenCases: [(String, OpenAPIDocument.ParseError.Reason?)] = [
        ("<html>Not Found</html>", nil),  // not JSON: the offset is checked below
        (#"[1, 2]"#, .notAnObject),
        (#"{"paths": {}}"#, .notOpenAPI),
        (#"{"openapi": "3.1.0"}"#, .missingPaths),
        (#"{"openapi": "3.1.0", "paths": []}"#, .pathsNotAnObject),
    ]

    @Test(arguments: Self.brokenCases)
    func rejects(_ document: String, _ reason: OpenAPIDocument.ParseError.Reason?) {
        let error = #expect(throws: OpenAPIDocument.ParseError.self) {
            try OpenAPIDocument.parse(json: Self.json(document))
        }
        if let reason {
            #expect(error?.reason == reason)
        } else if case .notJSON(let offset, _)? = error?.reason {
            #expect(offset == 0)
        } else {
            Issue.record("expected notJSON, got \(String(describing: error))")
        }
    }

    @Test func errorsReadWell() {
        #expect(OpenAPIDocument.ParseError(reason: .missingPaths).description == "OpenAPI document has no \"paths\"")
        let notJSON = #expect(throws: OpenAPIDocument.ParseError.self) {
            try OpenAPIDocument.parse(json: Self.json("{"))
        }
        #expect(notJSON?.description.hasPrefix("OpenAPI document is not JSON: JSON parse error") == true)
    }

    @Test func emptyPathsIsValidAndHasNoRoutes() throws {
        #expect(try OpenAPIDocument.parse(json: Self.json(#"{"openapi": "3.1.0", "paths": {}}"#)).isEmpty)
    }
}
