import Synchronization
import Testing
import TraceProxyRouting

@Suite struct RouteTableConcurrencyTests {
    /// Shared by the tasks: atomics cannot be captured on their own.
    final class Counters: Sendable {
        let unexpected = Atomic<Int>(0)
        let lookups = Atomic<Int>(0)
    }

    /// Lookups running while the OpenAPI part is swapped back and forth always see one whole set:
    /// the old route or the new one, never a mix or a crash. Every task yields now and then, so the
    /// cooperative pool (as narrow as the machine's cores) runs readers and the writer interleaved.
    @Test func updateUnderConcurrentLookups() async throws {
        let old = [try RoutePattern("GET /items/{item_id}"), try RoutePattern("GET /v1/users/{user_id}")]
        let new = [try RoutePattern("GET /items/{id}"), try RoutePattern("GET /v2/users/{user_id}")]
        let table = RouteTable(
            explicit: [try RoutePattern("/health")],
            openAPI: old,
            heuristic: HeuristicRoutes(limit: 10)
        )
        let counters = Counters()

        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for round in 0..<20_000 {
                        let item = table.route(method: "GET", path: "/items/42")
                        let health = table.route(method: "GET", path: "/health")
                        if item != "/items/{item_id}" && item != "/items/{id}" || health != "/health" {
                            counters.unexpected.add(1, ordering: .relaxed)
                        }
                        counters.lookups.add(1, ordering: .relaxed)
                        if round.isMultiple(of: 64) { await Task.yield() }
                    }
                }
            }
            group.addTask {
                for round in 0..<2_001 {
                    table.update(openAPI: round.isMultiple(of: 2) ? old : new)
                    await Task.yield()
                }
            }
        }
        #expect(counters.unexpected.load(ordering: .relaxed) == 0)
        #expect(counters.lookups.load(ordering: .relaxed) == 80_000)
        #expect(table.route(method: "GET", path: "/items/1") == "/items/{item_id}")  // the last update installed `old`
        #expect(table.route(method: "GET", path: "/v1/users/1") == "/v1/users/{user_id}")
    }
}
