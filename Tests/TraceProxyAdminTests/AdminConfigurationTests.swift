import Logging
import Testing
import TraceProxyAdmin
import TraceProxyMetrics

@Suite struct AdminConfigurationTests {
    private static func server(_ configuration: AdminServer.Configuration) throws(AdminConfigurationError) -> AdminServer {
        let router = AdminRouter(
            recorder: REDRecorder(),
            store: nil,
            status: FixedStatusSource(AdminHarness.status),
            readiness: Readiness()
        )
        return try AdminServer(configuration: configuration, router: router, logger: Logger(label: "test"))
    }

    @Test(arguments: ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost"])
    func loopbackHostsAreAccepted(host: String) throws {
        _ = try Self.server(.init(host: host, port: 0))
    }

    @Test(arguments: ["0.0.0.0", "::", "10.0.0.5", "admin.example", "127.0.0.1.example"])
    func otherHostsAreRefusedWithoutAdminPublic(host: String) throws {
        let error = #expect(throws: AdminConfigurationError.self) { try Self.server(.init(host: host, port: 0)) }

        let message = try #require(error?.description)
        #expect(message.contains("--admin "))
        #expect(message.contains("--admin-public"))
        #expect(!message.contains("\n"))
    }

    @Test func otherHostsAreAcceptedWithAdminPublic() throws {
        _ = try Self.server(.init(host: "0.0.0.0", port: 0, allowPublic: true))
    }

    @Test func defaultIsLoopbackOn7801() {
        #expect(AdminServer.Configuration.default == .init(host: "127.0.0.1", port: 7801, allowPublic: false))
    }
}
