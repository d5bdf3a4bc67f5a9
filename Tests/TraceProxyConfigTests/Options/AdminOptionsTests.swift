import Testing

@testable import TraceProxyConfig

@Suite struct AdminOptionsTests {
    static let upstreamFlag = ["--upstream", "http://127.0.0.1:8000"]

    @Test(arguments: [
        ("127.0.0.1", true), ("127.255.0.9", true), ("localhost", true), ("LOCALHOST", true), ("::1", true),
        ("0:0:0:0:0:0:0:1", true), ("0::1", true), ("::ffff:127.0.0.1", true),
        ("0.0.0.0", false), ("10.0.0.1", false), ("128.0.0.1", false), ("::", false), ("::2", false),
        ("1::1", false), ("127.example.com", false), ("localhost.example.com", false), ("admin", false),
        ("::ffff:10.0.0.1", false),
    ])
    func knowsLoopbackHosts(host: String, isLoopback: Bool) {
        #expect(AdminParsers.isLoopback(host) == isLoopback)
    }

    /// The cross-field check: a non-loopback `--admin` needs `--admin-public` (from its flag or variable).
    @Test(arguments: [
        (["--admin", "0.0.0.0:7801", "--admin-public"], [String: String](), "0.0.0.0 7801"),
        (["--admin", ":9"], ["TRACEPROXY_ADMIN_PUBLIC": "yes"], "0.0.0.0 9"),
        ([], ["TRACEPROXY_ADMIN": "[::]:7801", "TRACEPROXY_ADMIN_PUBLIC": "1"], ":: 7801"),
        (["--admin", "localhost:0"], [:], "localhost 0"),
        (["--admin", "[::1]:7801"], [:], "::1 7801"),
        (["--admin", "127.0.0.2:7801"], [:], "127.0.0.2 7801"),
        (["--admin", "off"], ["TRACEPROXY_ADMIN": "0.0.0.0:1"], "off"),
        ([], ["TRACEPROXY_ADMIN": "off", "TRACEPROXY_ADMIN_PUBLIC": "false"], "off"),
    ])
    func acceptsLoopbackOrPublicAdminAddresses(arguments: [String], environment: [String: String], expected: String)
        throws
    {
        let options = try RunOptions.parse(Self.upstreamFlag + arguments)

        let configuration = try options.resolve(environment: environment)

        #expect(configuration.admin.map { "\($0.host) \($0.port)" } ?? "off" == expected)
    }

    @Test(arguments: [
        ([String](), [String: String](), 10_000),  // no exporter: the store is where traces live
        (["--exporter", "console"], [:], 10_000),
        (["--exporter", "otlp"], [:], 1_000),  // a backend holds the traces
        ([], ["OTEL_TRACES_EXPORTER": "console,datadog"], 1_000),
        (["--exporter", "otlp", "--store-spans", "25000"], [:], 25_000),
        (["--store-spans", "AUTO"], ["OTEL_TRACES_EXPORTER": "zipkin"], 1_000),
        ([], ["TRACEPROXY_STORE_SPANS": "0", "OTEL_TRACES_EXPORTER": "none"], 0),
    ])
    func storeSizeFollowsWhetherABackendHoldsTheTraces(arguments: [String], environment: [String: String], expected: Int)
        throws
    {
        let options = try RunOptions.parse(Self.upstreamFlag + arguments)

        #expect(try options.resolve(environment: environment).storeSpans == expected)
    }

    @Test func theLoopbackProblemIsReportedWithTheOthersInOptionOrder() throws {
        let options = try RunOptions.parse(Self.upstreamFlag + ["--admin", "0.0.0.0:7801", "--store-spans", "x"])

        let error = #expect(throws: ConfigurationError.self) {
            try options.resolve(environment: ["TRACEPROXY_ROUTES": "x", "TRACEPROXY_ADMIN_PUBLIC": "no"])
        }

        #expect(
            error?.messages == [
                #"TRACEPROXY_ROUTES: "x" does not start with / or with METHOD / (expected e.g. /orders/{id} or GET /orders/{id})"#,
                #"--admin: "0.0.0.0:7801" is not a loopback address (add --admin-public to expose the admin server)"#,
                #"--store-spans: "x" is not a whole number (expected e.g. 10000)"#,
            ])
    }

    @Test func aBadAdminPublicVariableSkipsTheLoopbackCheck() throws {
        let options = try RunOptions.parse(Self.upstreamFlag + ["--admin", "0.0.0.0:7801"])

        let error = #expect(throws: ConfigurationError.self) {
            try options.resolve(environment: ["TRACEPROXY_ADMIN_PUBLIC": "sure"])
        }

        #expect(
            error?.messages == [
                #"TRACEPROXY_ADMIN_PUBLIC: "sure" is not a boolean (expected true, false, 1, 0, yes or no)"#
            ])
    }
}
