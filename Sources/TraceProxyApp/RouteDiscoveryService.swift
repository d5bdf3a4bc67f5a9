import Logging
import NIOCore
import ServiceLifecycle
import TraceProxyRouting
import TraceProxyUpstream

/// Fetches the upstream's OpenAPI document once at start (retrying while the upstream comes up)
/// and installs its routes, so spans are named `GET /items/{item_id}` from then on.
struct RouteDiscoveryService: Service {
    let discovery: OpenAPIDiscovery
    let table: RouteTable
    let baseURL: String
    let client: any UpstreamClient
    let eventLoop: any EventLoop
    let logger: Logger

    func run() async throws {
        let client = self.client
        let eventLoop = self.eventLoop
        let baseURL = self.baseURL
        let outcome = await cancelWhenGracefulShutdown {
            await self.discovery.run(
                fetch: { path in
                    let request = UpstreamRequest(method: "GET", url: baseURL + path, headers: [("Accept", "application/json")], body: .none)
                    let response = try await client.send(request, body: nil, on: eventLoop, maxResponseBytes: 8 << 20, timeout: .seconds(10))
                    return (response.head.status, Array(response.body.readableBytesView))
                },
                into: self.table
            )
        }
        switch outcome {
        case .installed:
            self.logger.info("Routes discovered from the upstream's OpenAPI document.", metadata: ["routes": "\(self.table.patternCount)", "outcome": "\(outcome.description)"])
        default:
            self.logger.warning("Route discovery gave up; spans use explicit routes and the path heuristic.", metadata: ["outcome": "\(outcome.description)"])
        }
    }
}
