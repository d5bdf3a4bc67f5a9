import Testing
import TraceProxyRouting

/// Prints what a lookup costs; asserts nothing about time (machines differ), only that it ran.
@Suite struct LookupCostTests {
    static func nanosecondsPerLookup(_ table: RouteTable, method: String, paths: [Substring], rounds: Int) -> Double {
        let clock = ContinuousClock()
        var found = 0
        for path in paths where table.route(method: method, path: path) != nil { found += 1 }  // warm up
        let elapsed = clock.measure {
            for _ in 0..<rounds {
                for path in paths where table.route(method: method, path: path) != nil { found += 1 }
            }
        }
        #expect(found > 0)
        let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        return nanoseconds / Double(rounds * paths.count)
    }

    @Test func printsNanosecondsPerLookup() throws {
        let table = RouteTable(
            explicit: [try RoutePattern("/health")],
            openAPI: try OpenAPIDocument.parse(json: try Fixture.bytes("example-openapi.json")),
            heuristic: HeuristicRoutes()
        )
        let known: [Substring] = ["/", "/items/8731", "/users/5/orders/abc-1", "/status/418", "/trace-headers"]
        let unknown: [Substring] = ["/nope/12", "/a/b/c/123e4567-e89b-12d3-a456-426614174000"]
        let knownCost = Self.nanosecondsPerLookup(table, method: "GET", paths: known, rounds: 20_000)
        let explicitCost = Self.nanosecondsPerLookup(table, method: "GET", paths: ["/health"], rounds: 100_000)
        let heuristicCost = Self.nanosecondsPerLookup(table, method: "GET", paths: unknown, rounds: 20_000)
        print(
            "route lookup: explicit \(Int(explicitCost)) ns, OpenAPI \(Int(knownCost)) ns,"
                + " heuristic \(Int(heuristicCost)) ns (debug build unless -c release)"
        )
    }
}
