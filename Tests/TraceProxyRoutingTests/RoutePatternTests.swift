import Testing
import TraceProxyRouting

@Suite struct RoutePatternTests {
    struct Parsed: Sendable, CustomTestStringConvertible {
        let text: String
        let method: String?
        let template: String
        let segments: [RoutePattern.Segment]
        var testDescription: String { self.text }
    }

    static let valid: [Parsed] = [
        Parsed(text: "/", method: nil, template: "/", segments: [.literal("")]),
        Parsed(text: "/items", method: nil, template: "/items", segments: [.literal("items")]),
        Parsed(text: "/items/", method: nil, template: "/items/", segments: [.literal("items"), .literal("")]),
        Parsed(
            text: "/items/{item_id}", method: nil, template: "/items/{item_id}",
            segments: [.literal("items"), .parameter("item_id")]
        ),
        Parsed(
            text: "GET /items/{item_id}", method: "GET", template: "/items/{item_id}",
            segments: [.literal("items"), .parameter("item_id")]
        ),
        Parsed(text: "  post   /items  ", method: "POST", template: "/items", segments: [.literal("items")]),
        Parsed(
            text: "/items/{item_id:int}", method: nil, template: "/items/{item_id:int}",
            segments: [.literal("items"), .parameter("item_id")]
        ),
        Parsed(
            text: "GET /files/{file_path:path}", method: "GET", template: "/files/{file_path:path}",
            segments: [.literal("files"), .rest("file_path")]
        ),
        Parsed(
            text: "/users/{user_id}/orders/{order_id}", method: nil, template: "/users/{user_id}/orders/{order_id}",
            segments: [.literal("users"), .parameter("user_id"), .literal("orders"), .parameter("order_id")]
        ),
    ]

    @Test(arguments: Self.valid)
    func parses(_ expected: Parsed) throws {
        let pattern = try RoutePattern(expected.text)
        #expect(pattern.method == expected.method)
        #expect(pattern.template == expected.template)
        #expect(pattern.segments == expected.segments)
    }

    static let invalid: [(String, RoutePattern.ParseError.Reason)] = [
        ("", .empty),
        ("   ", .empty),
        ("items", .notAbsolute),
        ("GET items/{id}", .notAbsolute),
        ("GE(T /items", .invalidMethod),
        ("/items/{id", .unbalancedBrace),
        ("/items/id}", .unbalancedBrace),
        ("/items/{}", .emptyParameterName),
        ("/items/{:int}", .emptyParameterName),
        ("/files/{name}.{ext}", .parameterInsideSegment),
        ("/files/v{version}", .parameterInsideSegment),
        ("/files/{rest:path}/meta", .restNotLast),
        ("GET /items /more", .whitespaceInPath),
    ]

    @Test(arguments: Self.invalid)
    func rejects(_ text: String, _ reason: RoutePattern.ParseError.Reason) {
        #expect(throws: RoutePattern.ParseError(reason: reason, text: text)) { try RoutePattern(text) }
    }

    @Test func errorsNameThePatternAndTheProblem() {
        let error = RoutePattern.ParseError(reason: .restNotLast, text: "/a/{p:path}/b")
        #expect(
            error.description
                == "route pattern \"/a/{p:path}/b\" has a {name:path} parameter that is not the last segment")
    }

    @Test func methodAndPathInitializerChecksTheMethod() throws {
        #expect(try RoutePattern(method: "get", path: "/a").method == "GET")
        #expect(throws: RoutePattern.ParseError.self) { try RoutePattern(method: "", path: "/a") }
        #expect(throws: RoutePattern.ParseError.self) { try RoutePattern(method: "G T", path: "/a") }
    }

    @Test func specificityKeys() throws {
        let pattern = try RoutePattern("/users/{user_id}/orders/{order_id}")
        #expect(pattern.literalCount == 2)
        #expect(pattern.parameterCount == 2)
        #expect(try RoutePattern("/files/{p:path}").parameterCount == 1)
    }
}
