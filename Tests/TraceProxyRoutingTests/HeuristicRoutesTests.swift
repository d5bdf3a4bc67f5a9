import Testing
import TraceProxyRouting

@Suite struct HeuristicRoutesTests {
    @Test func foldedShapesCountOnce() {
        let routes = HeuristicRoutes(limit: 10)
        for id in 0..<1000 { #expect(routes.route(path: "/items/\(id)"[...]) == "/items/{id}") }
        #expect(routes.count == 1)
    }

    @Test func shapesBeyondTheLimitShareTheOverflowRoute() {
        let routes = HeuristicRoutes(limit: 3)
        #expect(routes.route(path: "/a") == "/a")
        #expect(routes.route(path: "/b/1") == "/b/{id}")
        #expect(routes.route(path: "/c") == "/c")
        #expect(routes.route(path: "/d") == HeuristicRoutes.overflowRoute)
        #expect(routes.route(path: "/e/2") == "/{unmatched}")
        // Known shapes keep their route after the bound is reached.
        #expect(routes.route(path: "/b/99") == "/b/{id}")
        #expect(routes.route(path: "/a") == "/a")
        #expect(routes.count == 3)
    }

    @Test func aZeroLimitSendsEverythingToTheOverflowRoute() {
        #expect(HeuristicRoutes(limit: 0).route(path: "/a") == "/{unmatched}")
    }

    @Test func theBoundNeverEvictsExplicitOrOpenAPIRoutes() throws {
        let table = RouteTable(
            explicit: [try RoutePattern("/health")],
            openAPI: [try RoutePattern("GET /items/{item_id}")],
            heuristic: HeuristicRoutes(limit: 2)
        )
        for word in ["alpha", "beta", "gamma", "delta"] { _ = table.route(method: "GET", path: "/\(word)"[...]) }
        #expect(table.route(method: "GET", path: "/epsilon") == "/{unmatched}")
        #expect(table.route(method: "GET", path: "/health") == "/health")
        #expect(table.route(method: "GET", path: "/items/5") == "/items/{item_id}")
    }

    @Test func theBoundHoldsUnderConcurrentUse() async {
        let routes = HeuristicRoutes(limit: 50)
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for index in 0..<500 { _ = routes.route(path: "/w\(worker)/s\(index)"[...]) }
                }
            }
        }
        #expect(routes.count == 50)
    }
}
