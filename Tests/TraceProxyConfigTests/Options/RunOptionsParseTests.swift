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

        var expected = DefaultConfiguration.configuration
        expected.listen = SocketAddressSpec(host: "0.0.0.0", port: 7800)
        expected.upstream = UpstreamURL(scheme: .http, host: "127.0.0.1", port: 8000, basePath: "/api")
        expected.serviceName = "orders"
        expected.export.datadogService = "orders"
        expected.exporters = [.console]
        expected.connectTimeout = .milliseconds(250)
        expected.upstreamTimeout = .milliseconds(1500)
        expected.headerTimeout = .seconds(2)
        expected.idleTimeout = .seconds(120)
        expected.drainTimeout = .zero
        expected.maxHeaderBytes = 65536
        expected.maxConnections = 256
        expected.rewriteHost = true
        expected.accessLog = true
        expected.logLevel = .debug
        #expect(configuration == expected)
    }

    @Test func parsesTheTracingAdminAndExportFlags() throws {
        let options = try RunOptions.parse([
            "--upstream", "http://127.0.0.1:8000", "--propagators", "tracecontext,b3", "--sampler",
            "parentbased_traceidratio", "--sampler-arg", "0.1", "--max-traces-per-second", "50", "--keep-errors",
            "--keep-slower-than", "2s", "--route", "GET /orders/{id}", "--route", "/health", "--openapi-path", "off",
            "--capture-request-header", "X-Request-Id", "--capture-response-header", "Content-Type",
            "--redact-header", "X-Api-Key", "--redact-query-param", "jwt", "--redact-query-param", "otp",
            "--trace-probes", "--health-path", "/ping", "--no-client-spans", "--trace-response", "--admin",
            "0.0.0.0:9000", "--admin-public", "--store-spans", "500", "--trace-link-template",
            "https://tempo.example/trace/{trace_id}", "--exporter", "otlp,datadog", "--otlp-endpoint",
            "http://collector:4318/v1/traces", "--datadog-agent-url", "http://dd:8126",
        ])

        let configuration = try options.resolve(environment: [:])

        var expected = DefaultConfiguration.configuration
        expected.exporters = [.otlp, .datadog]
        expected.export.otlpTracesEndpoint = "http://collector:4318/v1/traces"
        expected.export.datadogAgentURL = "http://dd:8126"
        expected.propagators = [.tracecontext, .b3]
        expected.sampler = .parentBasedTraceIDRatio(0.1)
        expected.maxTracesPerSecond = 50
        expected.keepErrors = true
        expected.keepSlowerThan = .seconds(2)
        expected.routes = ["GET /orders/{id}", "/health"]
        expected.openAPIPath = nil
        expected.captureRequestHeaders = ["x-request-id"]
        expected.captureResponseHeaders = ["content-type"]
        expected.redactHeaders = ["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"]
        expected.redactQueryParams = ["jwt", "otp"]
        expected.traceProbes = true
        expected.healthPaths = ["/ping"]
        expected.clientSpans = false
        expected.traceResponse = true
        expected.admin = SocketAddressSpec(host: "0.0.0.0", port: 9000)
        expected.adminPublic = true
        expected.storeSpans = 500
        expected.traceLinkTemplate = "https://tempo.example/trace/{trace_id}"
        #expect(configuration == expected)
    }

    @Test func repeatableFlagsCollectEveryOccurrenceAndOtherwiseStayEmpty() throws {
        let options = try RunOptions.parse(["--route", "/a", "--route=/b", "--health-path", "/h"])

        #expect(options.routes == ["/a", "/b"])
        #expect(options.healthPaths == ["/h"])
        #expect(options.captureRequestHeaders.isEmpty)
        #expect(options.redactQueryParams.isEmpty)
        #expect(options.keepErrors == nil)
        #expect(options.clientSpans == nil)
        #expect(options.admin == nil)
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
