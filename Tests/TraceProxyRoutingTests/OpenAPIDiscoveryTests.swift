import Synchronization
import Testing
import TraceProxyRouting

@Suite struct OpenAPIDiscoveryTests {
    struct Refused: Error, CustomStringConvertible {
        var description: String { "connection refused" }
    }

    /// Answers in turn from `script`, repeating its last entry; records the paths asked for.
    final class ScriptedUpstream: Sendable {
        enum Answer: Sendable {
            case refuse
            case status(Int, String)
        }

        private let state: Mutex<(script: [Answer], paths: [String])>

        init(_ script: [Answer]) { self.state = Mutex((script, [])) }

        var paths: [String] { self.state.withLock { $0.paths } }

        func fetch(_ path: String) throws -> (status: Int, body: [UInt8]) {
            let answer = self.state.withLock { state -> Answer in
                state.paths.append(path)
                return state.script.count > 1 ? state.script.removeFirst() : state.script[0]
            }
            switch answer {
            case .refuse: throw Refused()
            case .status(let status, let body): return (status, Array(body.utf8))
            }
        }
    }

    static let document = #"{"openapi": "3.1.0", "paths": {"/items/{item_id}": {"get": {}}}}"#
    // A long deadline: a starved test process must not time out; retries are quick, so tests stay fast.
    static let quick = OpenAPIDiscovery(timeout: .seconds(60), retryInterval: .milliseconds(5))

    @Test func retriesUntilTheUpstreamIsUpThenInstalls() async throws {
        let upstream = ScriptedUpstream([.refuse, .refuse, .status(503, ""), .status(200, Self.document)])
        let table = RouteTable(heuristic: nil)
        let outcome = await Self.quick.run(fetch: { try upstream.fetch($0) }, into: table)
        guard case .installed(let routes, let skipped, let attempts) = outcome else {
            Issue.record("unexpected \(outcome)")
            return
        }
        #expect((routes, skipped.count, attempts) == (1, 0, 4))
        #expect(upstream.paths == Array(repeating: "/openapi.json", count: 4))
        #expect(table.route(method: "GET", path: "/items/3") == "/items/{item_id}")
        #expect(outcome.description == "installed 1 OpenAPI routes after 4 attempt(s)")
    }

    @Test func fetchesTheConfiguredPathAndAppliesTheBasePath() async {
        let upstream = ScriptedUpstream([.status(200, Self.document)])
        let table = RouteTable(heuristic: nil)
        var discovery = Self.quick
        discovery.path = "/api/openapi.json"
        discovery.basePath = "/api"
        _ = await discovery.run(fetch: { try upstream.fetch($0) }, into: table)
        #expect(upstream.paths == ["/api/openapi.json"])
        #expect(table.route(method: "GET", path: "/api/items/3") == "/api/items/{item_id}")
    }

    @Test func aStatusThatWaitingWillNotChangeEndsDiscovery() async {
        let upstream = ScriptedUpstream([.status(404, #"{"detail": "Not Found"}"#)])
        let outcome = await Self.quick.run(fetch: { try upstream.fetch($0) }, into: RouteTable())
        guard case .unavailable(404, 1) = outcome else {
            Issue.record("unexpected \(outcome)")
            return
        }
    }

    @Test func anInvalidDocumentEndsDiscoveryAndKeepsTheTable() async throws {
        let upstream = ScriptedUpstream([.status(200, "<html></html>")])
        let table = RouteTable(openAPI: [try RoutePattern("GET /kept")], heuristic: nil)
        let outcome = await Self.quick.run(fetch: { try upstream.fetch($0) }, into: table)
        guard case .invalid(let error, 1) = outcome, case .notJSON = error.reason else {
            Issue.record("unexpected \(outcome)")
            return
        }
        #expect(table.route(method: "GET", path: "/kept") == "/kept")
    }

    @Test func givesUpAfterTheTimeout() async {
        let upstream = ScriptedUpstream([.refuse])
        let discovery = OpenAPIDiscovery(timeout: .milliseconds(100), retryInterval: .milliseconds(10))
        let outcome = await discovery.run(fetch: { try upstream.fetch($0) }, into: RouteTable())
        guard case .timedOut(let lastError, let attempts) = outcome else {
            Issue.record("unexpected \(outcome)")
            return
        }
        #expect(lastError == "connection refused")
        #expect(attempts >= 2 && attempts <= 11)
    }

    @Test func stopsWhenCancelled() async {
        let upstream = ScriptedUpstream([.refuse])
        let discovery = OpenAPIDiscovery(timeout: .seconds(60), retryInterval: .milliseconds(10))
        let task = Task { await discovery.run(fetch: { try upstream.fetch($0) }, into: RouteTable()) }
        try? await Task.sleep(for: .milliseconds(50))
        task.cancel()
        guard case .cancelled = await task.value else {
            Issue.record("not cancelled")
            return
        }
    }
}
