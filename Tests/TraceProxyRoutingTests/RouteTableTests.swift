import Testing
import TraceProxyRouting

@Suite struct RouteTableTests {
    static func table(_ explicit: [String], openAPI: [String] = [], heuristic: Bool = false) throws -> RouteTable {
        RouteTable(
            explicit: try explicit.map { try RoutePattern($0) },
            openAPI: try openAPI.map { try RoutePattern($0) },
            heuristic: heuristic ? HeuristicRoutes() : nil
        )
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let patterns: [String]
        let method: String
        let path: String
        let route: String?
        var testDescription: String { "\(self.method) \(self.path) → \(self.route ?? "nil")" }

        init(_ patterns: [String], _ method: String, _ path: String, _ route: String?) {
            self.patterns = patterns
            self.method = method
            self.path = path
            self.route = route
        }
    }

    static let cases: [Case] = [
        // Literals beat parameters, whatever the declaration order.
        Case(["/items/{id}", "/items/special"], "GET", "/items/special", "/items/special"),
        Case(["/items/special", "/items/{id}"], "GET", "/items/special", "/items/special"),
        Case(["/items/{id}", "/items/special"], "GET", "/items/8731", "/items/{id}"),
        // More literal segments in total win, even when the literal comes later in the path.
        Case(["/{org}/repos/list", "/acme/{section}/{page}"], "GET", "/acme/repos/list", "/{org}/repos/list"),
        // Same literals: fewer parameters win (rest-of-path counts as one).
        Case(["/files/{a}/{b}", "/files/{rest:path}"], "GET", "/files/x/y", "/files/{rest:path}"),
        // Full tie: declaration order.
        Case(["/files/{name}", "/files/{rest:path}"], "GET", "/files/x", "/files/{name}"),
        Case(["/files/{rest:path}", "/files/{name}"], "GET", "/files/x", "/files/{rest:path}"),
        // Rest of path: slashes included, an empty rest after the slash too, but not without the slash.
        Case(["/files/{file_path:path}"], "GET", "/files/a/b/c.txt", "/files/{file_path:path}"),
        Case(["/files/{file_path:path}"], "GET", "/files/", "/files/{file_path:path}"),
        Case(["/files/{file_path:path}"], "GET", "/files", nil),
        Case(["/{everything:path}"], "GET", "/", "/{everything:path}"),
        // Trailing slash is a different route, as in Starlette.
        Case(["/items"], "GET", "/items/", nil),
        Case(["/items/"], "GET", "/items", nil),
        Case(["/items", "/items/"], "GET", "/items/", "/items/"),
        // Parameters need a non-empty segment.
        Case(["/items/{id}"], "GET", "/items/", nil),
        Case(["/a/{x}/b"], "GET", "/a//b", nil),
        // Root.
        Case(["/"], "GET", "/", "/"),
        Case(["/"], "GET", "/x", nil),
        // Nothing beyond the pattern.
        Case(["/items/{id}"], "GET", "/items/1/extra", nil),
        // Methods: a fitting method wins over specificity; a path matched with another method still names
        // the route (Starlette answers 405 from it).
        Case(["GET /items/{id}", "POST /items/special"], "GET", "/items/special", "/items/{id}"),
        Case(["GET /items/{id}", "POST /items/special"], "POST", "/items/special", "/items/special"),
        Case(["POST /items/special"], "GET", "/items/special", "/items/special"),
        Case(["GET /items/{id}"], "HEAD", "/items/3", "/items/{id}"),
        Case(["/items/{id}", "DELETE /items/{id}"], "DELETE", "/items/9", "/items/{id}"),
        // Paths that are not origin-form get no route.
        Case(["/items"], "OPTIONS", "*", nil),
        Case(["/items"], "GET", "http://example.com/items", nil),
        Case(["/items"], "GET", "", nil),
    ]

    @Test(arguments: Self.cases)
    func matches(_ test: Case) throws {
        let table = try Self.table(test.patterns)
        #expect(table.route(method: test.method, path: test.path[...]) == test.route)
    }

    @Test func explicitRoutesWinOverOpenAPIWhichWinsOverTheHeuristic() throws {
        let table = try Self.table(
            ["/items/{anything}"], openAPI: ["GET /items/special", "GET /users/{user_id}"], heuristic: true)
        #expect(table.route(method: "GET", path: "/items/special") == "/items/{anything}")
        #expect(table.route(method: "GET", path: "/users/7") == "/users/{user_id}")
        #expect(table.route(method: "GET", path: "/orders/7") == "/orders/{id}")
    }

    @Test func withoutHeuristicUnknownPathsHaveNoRoute() throws {
        let table = try Self.table(["/items"])
        #expect(table.route(method: "GET", path: "/orders/7") == nil)
    }

    @Test func matchesASubstringOfALargerURI() throws {
        let table = try Self.table(["/items/{id}"])
        let uri = "/items/42?x=/items/special"
        let path = uri[..<uri.firstIndex(of: "?")!]
        #expect(table.route(method: "GET", path: path) == "/items/{id}")
    }

    @Test func updateReplacesOnlyTheOpenAPIPart() throws {
        let table = try Self.table(["/health"], openAPI: ["GET /old/{id}"])
        #expect(table.patternCount == (explicit: 1, openAPI: 1))
        table.update(openAPI: [try RoutePattern("GET /new/{id}"), try RoutePattern("POST /new")])
        #expect(table.patternCount == (explicit: 1, openAPI: 2))
        #expect(table.route(method: "GET", path: "/old/1") == nil)
        #expect(table.route(method: "GET", path: "/new/1") == "/new/{id}")
        #expect(table.route(method: "GET", path: "/health") == "/health")
    }

    @Test func nonASCIILiterals() throws {
        let table = try Self.table(["/café/{id}"])
        #expect(table.route(method: "GET", path: "/café/1") == "/café/{id}")
        #expect(table.route(method: "GET", path: "/caf%C3%A9/1") == nil)  // matching sees the raw, encoded path
    }
}
