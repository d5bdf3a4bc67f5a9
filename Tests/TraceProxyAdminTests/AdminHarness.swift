import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization
import TraceProxyAdmin
import TraceProxyMetrics
import TraceProxyStore
import TraceProxyTestSupport

/// Status facts a test sets.
final class FixedStatusSource: StatusSource {
    private let current: Mutex<AdminStatus>

    init(_ status: AdminStatus) {
        self.current = Mutex(status)
    }

    func status() -> AdminStatus { self.current.withLock { $0 } }
}

/// A real admin server on 127.0.0.1, port 0, run in a `ServiceGroup` as the app runs it.
struct AdminHarness {
    static let status = AdminStatus(
        version: "0.1.0",
        serviceName: "items-api",
        upstream: "http://127.0.0.1:8000",
        listen: "127.0.0.1:7800",
        uptimeSeconds: 12.3456,
        traceLinkTemplate: "https://jaeger.example/trace/{trace_id}",
        exporters: [ExporterCounters(name: "otlp", queued: 3, exported: 2, droppedQueueFull: 1, lastSuccessUnixSeconds: 0)]
    )

    let recorder: REDRecorder
    let store: TraceStore
    let readiness: Readiness
    let clock: ManualUnixClock
    let port: Int
    private let serviceGroup: ServiceGroup
    private let running: Task<Void, any Error>

    static func start(status: AdminStatus = Self.status, storeEnabled: Bool = true) async throws -> AdminHarness {
        let clock = ManualUnixClock()
        let recorder = REDRecorder()
        let store = TraceStore(clock: clock.reading)
        let readiness = Readiness()
        let logger = Logger(label: "admin-test")
        let router = AdminRouter(
            recorder: recorder,
            store: storeEnabled ? store : nil,
            status: FixedStatusSource(status),
            readiness: readiness
        )
        let server = try AdminServer(configuration: .init(host: "127.0.0.1", port: 0), router: router, logger: logger)
        let serviceGroup = ServiceGroup(services: [server], logger: logger)
        let running = Task { try await serviceGroup.run() }
        let address = try await server.localAddress
        return AdminHarness(
            recorder: recorder,
            store: store,
            readiness: readiness,
            clock: clock,
            port: address.port ?? 0,
            serviceGroup: serviceGroup,
            running: running
        )
    }

    /// One request on a fresh connection.
    func get(_ uri: String, headers: [(String, String)] = [], method: HTTPMethod = .GET) async throws -> TestHTTPConnection.Response {
        let connection = try await TestHTTPConnection.connect(port: self.port)
        let response = try await connection.request(method, uri, headers: headers)
        await connection.close()
        return response
    }

    /// The body parsed as a JSON object.
    func json(_ uri: String) async throws -> (TestHTTPConnection.Response, [String: Any]) {
        let response = try await self.get(uri)
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        return (response, object ?? [:])
    }

    func shutdown() async throws {
        await self.serviceGroup.triggerGracefulShutdown()
        try await self.running.value
    }
}

/// A JSON number as a Double, whether it was parsed as an integer or not.
func number(_ value: Any?) -> Double? {
    switch value {
    case let value as Int: Double(value)
    case let value as Double: value
    case let value as NSNumber: value.doubleValue
    default: nil
    }
}

/// True when `value` is within 0.1 % of `expected`: HDR histograms at 3 significant digits.
func approximately(_ value: Any?, _ expected: Double) -> Bool {
    guard let value = number(value) else { return false }
    return abs(value - expected) <= expected * 0.001
}
