import Testing

@testable import TraceProxyConfig

@Suite struct RunOptionsParseTests {
    @Test func parsesASidecarCommandLine() throws {
        let options = try RunOptions.parse([
            "--listen", ":7800", "--upstream", "http://127.0.0.1:8000/api/", "--service-name", "orders",
            "--exporter", "console", "--console-output", "-", "--connect-timeout", "250ms", "--upstream-timeout",
            "1.5s", "--header-timeout", "2s", "--idle-timeout", "2m", "--drain-timeout", "0", "--max-header-bytes",
            "64KiB", "--max-connections", "256", "--rewrite-host", "--access-log", "--log-level", "debug",
        ])

        let configuration = try options.resolve(environment: [:])

        #expect(
            configuration
                == TraceProxyConfiguration(
                    listen: SocketAddressSpec(host: "0.0.0.0", port: 7800),
                    upstream: UpstreamURL(scheme: .http, host: "127.0.0.1", port: 8000, basePath: "/api"),
                    serviceName: "orders",
                    exporters: [.console],
                    consoleOutput: nil,
                    connectTimeout: .milliseconds(250),
                    upstreamTimeout: .milliseconds(1500),
                    headerTimeout: .seconds(2),
                    idleTimeout: .seconds(120),
                    drainTimeout: .zero,
                    maxHeaderBytes: 65536,
                    maxConnections: 256,
                    rewriteHost: true,
                    accessLog: true,
                    logLevel: .debug
                )
        )
    }

    @Test func keepsRawTextAndLeavesUnsetFlagsNil() throws {
        let options = try RunOptions.parse(["--upstream=https://api.internal", "--listen=[::1]:0", "--no-access-log"])

        #expect(options.upstream == "https://api.internal")
        #expect(options.listen == "[::1]:0")
        #expect(options.accessLog == false)
        #expect(options.rewriteHost == nil)
        #expect(options.serviceName == nil)
        #expect(options.connectTimeout == nil)
        #expect(options.logLevel == nil)
    }

    @Test func readsAConfigurationFromTheEnvironmentAlone() throws {
        let options = try RunOptions.parse([])

        let configuration = try options.resolve(environment: [
            "TRACEPROXY_UPSTREAM": "http://app:8080", "OTEL_SERVICE_NAME": "checkout",
            "OTEL_TRACES_EXPORTER": "console",
            "TRACEPROXY_CONSOLE_OUTPUT": "/var/log/spans.txt", "TRACEPROXY_LISTEN": "0.0.0.0:7801",
        ])

        #expect(configuration.upstream.baseURLString == "http://app:8080")
        #expect(configuration.serviceName == "checkout")
        #expect(configuration.exporters == [.console])
        #expect(configuration.consoleOutput == "/var/log/spans.txt")
        #expect(configuration.listen == SocketAddressSpec(host: "0.0.0.0", port: 7801))
    }

    @Test(arguments: [["--bogus"], ["--listen"], ["--rewrite-host=yes"], ["extra-positional"]])
    func rejectsMalformedCommandLines(arguments: [String]) {
        #expect(throws: (any Error).self) { try RunOptions.parse(arguments) }
    }

    @Test func lastRepeatedFlagWins() throws {
        let options = try RunOptions.parse([
            "--log-level", "debug", "--log-level", "error", "--rewrite-host", "--no-rewrite-host",
        ])

        #expect(options.logLevel == "error")
        #expect(options.rewriteHost == false)
    }
}
