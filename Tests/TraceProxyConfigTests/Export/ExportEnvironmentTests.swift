import Testing

@testable import TraceProxyConfig

@Suite struct ExportEnvironmentTests {
    static let upstreamFlag = ["--upstream", "http://127.0.0.1:8000"]

    func export(_ environment: [String: String], _ arguments: [String] = []) throws -> ExportSettings {
        try RunOptions.parse(Self.upstreamFlag + arguments).resolve(environment: environment).export
    }

    @Test func everyDefault() throws {
        #expect(try self.export([:]) == DefaultConfiguration.export)
    }

    @Test func readsEveryVariable() throws {
        let export = try self.export([
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "https://otlp.example:443/v1/traces",
            "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "http/json",
            "OTEL_EXPORTER_OTLP_TRACES_HEADERS": "api-key=abc%3D%3D,x-tenant=t1",
            "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION": "gzip",
            "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT": "2500",
            "OTEL_EXPORTER_JAEGER_AGENT_HOST": "jaeger-agent",
            "OTEL_EXPORTER_JAEGER_AGENT_PORT": "6832",
            "OTEL_EXPORTER_JAEGER_ENDPOINT": "http://jaeger:14268/api/traces",
            "OTEL_EXPORTER_ZIPKIN_ENDPOINT": "http://zipkin:9411/api/v2/spans",
            "DD_TRACE_AGENT_URL": "http://datadog:8126",
            "DD_SERVICE": "dd-orders", "DD_ENV": "prod", "DD_VERSION": "1.2.3",
            "OTEL_BSP_MAX_QUEUE_SIZE": "100", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE": "100",
            "OTEL_BSP_SCHEDULE_DELAY": "0", "OTEL_BSP_EXPORT_TIMEOUT": "30000",
            "OTEL_RESOURCE_ATTRIBUTES": "deployment.environment=prod,team=a%20b",
        ])

        #expect(
            export
                == ExportSettings(
                    otlpTracesEndpoint: "https://otlp.example:443/v1/traces",
                    otlpProtocol: .httpJSON,
                    otlpHeaders: [("api-key", "abc=="), ("x-tenant", "t1")],
                    otlpCompression: true,
                    otlpTimeout: .milliseconds(2500),
                    jaegerAgentHost: "jaeger-agent",
                    jaegerAgentPort: 6832,
                    jaegerEndpoint: "http://jaeger:14268/api/traces",
                    zipkinEndpoint: "http://zipkin:9411/api/v2/spans",
                    datadogAgentURL: "http://datadog:8126",
                    datadogService: "dd-orders",
                    datadogEnv: "prod",
                    datadogVersion: "1.2.3",
                    batch: BatchSettings(
                        maxQueueSize: 100, maxExportBatchSize: 100, scheduleDelay: .zero,
                        exportTimeout: .seconds(30)),
                    resourceAttributes: [("deployment.environment", "prod"), ("team", "a b")]
                ))
    }

    /// Each signal-specific variable beats its general one; the general one applies alone.
    @Test(arguments: [
        (["OTEL_EXPORTER_OTLP_HEADERS": "a=1"], "a=1", false, Duration.seconds(10)),
        (["OTEL_EXPORTER_OTLP_HEADERS": "a=1", "OTEL_EXPORTER_OTLP_TRACES_HEADERS": "b=2"], "b=2", false, .seconds(10)),
        (["OTEL_EXPORTER_OTLP_COMPRESSION": "GZIP"], "", true, .seconds(10)),
        (["OTEL_EXPORTER_OTLP_COMPRESSION": "gzip", "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION": "none"], "", false,
            .seconds(10)),
        (["OTEL_EXPORTER_OTLP_TIMEOUT": "500"], "", false, .milliseconds(500)),
        (["OTEL_EXPORTER_OTLP_TIMEOUT": "500", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT": "700"], "", false,
            .milliseconds(700)),
    ])
    func signalSpecificVariablesWin(
        environment: [String: String], headers: String, compression: Bool, timeout: Duration
    ) throws {
        let export = try self.export(environment)

        #expect(export.otlpHeaders.map { "\($0)=\($1)" }.joined(separator: ",") == headers)
        #expect(export.otlpCompression == compression)
        #expect(export.otlpTimeout == timeout)
    }

    @Test(arguments: [
        ([String](), [String: String](), "http://localhost:8126"),
        ([], ["DD_AGENT_HOST": "dd-agent"], "http://dd-agent:8126"),
        ([], ["DD_TRACE_AGENT_PORT": "18126"], "http://localhost:18126"),
        ([], ["DD_AGENT_HOST": "10.0.0.7", "DD_TRACE_AGENT_PORT": "9"], "http://10.0.0.7:9"),
        ([], ["DD_AGENT_HOST": "fd00::1"], "http://[fd00::1]:8126"),
        ([], ["DD_AGENT_HOST": "[fd00::1]"], "http://[fd00::1]:8126"),
        ([], ["DD_TRACE_AGENT_URL": "https://dd:443", "DD_AGENT_HOST": "ignored"], "https://dd:443"),
        (["--datadog-agent-url", "http://flag:1"], ["DD_TRACE_AGENT_URL": "http://env:2", "DD_AGENT_HOST": "h"],
            "http://flag:1"),
    ])
    func composesTheDatadogAgentURL(arguments: [String], environment: [String: String], expected: String) throws {
        #expect(try self.export(environment, arguments).datadogAgentURL == expected)
    }

    @Test func jaegerAgentHostMayBeAnIPv6Address() throws {
        #expect(try self.export(["OTEL_EXPORTER_JAEGER_AGENT_HOST": "::1"]).jaegerAgentHost == "::1")
    }

    @Test func aDefaultBatchSizeFollowsASmallerQueue() throws {
        let batch = try self.export(["OTEL_BSP_MAX_QUEUE_SIZE": "100"]).batch

        #expect(batch.maxQueueSize == 100)
        #expect(batch.maxExportBatchSize == 100)
    }

    @Test func resourceAttributesKeepTheLastValueOfARepeatedKeyAndLeaveOutServiceName() throws {
        let export = try self.export(["OTEL_RESOURCE_ATTRIBUTES": "a=1,service.name=orders,b=2,a=3"])

        #expect(export.resourceAttributes.map { "\($0)=\($1)" } == ["a=3", "b=2"])
        #expect(export.datadogService == "orders")
    }

    /// `--service-name` > `OTEL_SERVICE_NAME` > `service.name` in `OTEL_RESOURCE_ATTRIBUTES` > `DD_SERVICE` > default;
    /// `DD_SERVICE` names the Datadog service whatever the service name is.
    @Test(arguments: [
        ([String](), [String: String](), "traceproxy", "traceproxy"),
        ([], ["DD_SERVICE": "dd"], "dd", "dd"),
        ([], ["DD_SERVICE": "dd", "OTEL_RESOURCE_ATTRIBUTES": "service.name=res"], "res", "dd"),
        ([], ["OTEL_RESOURCE_ATTRIBUTES": "service.name=res%20one"], "res one", "res one"),
        ([], ["OTEL_RESOURCE_ATTRIBUTES": "service.name=", "DD_SERVICE": "dd"], "dd", "dd"),
        ([], ["OTEL_SERVICE_NAME": "otel", "OTEL_RESOURCE_ATTRIBUTES": "service.name=res", "DD_SERVICE": "dd"],
            "otel", "dd"),
        (["--service-name", "flag"], ["OTEL_SERVICE_NAME": "otel", "OTEL_RESOURCE_ATTRIBUTES": "service.name=res"],
            "flag", "flag"),
        ([], ["OTEL_SERVICE_NAME": "", "OTEL_RESOURCE_ATTRIBUTES": "service.name=res"], "res", "res"),
    ])
    func serviceNamePrecedence(
        arguments: [String], environment: [String: String], serviceName: String, datadogService: String
    ) throws {
        let configuration = try RunOptions.parse(Self.upstreamFlag + arguments).resolve(environment: environment)

        #expect(configuration.serviceName == serviceName)
        #expect(configuration.export.datadogService == datadogService)
    }

    @Test func aMalformedResourceListIsReportedOnceAndDoesNotNameTheService() throws {
        let options = try RunOptions.parse(Self.upstreamFlag)

        let error = #expect(throws: ConfigurationError.self) {
            try options.resolve(environment: ["OTEL_RESOURCE_ATTRIBUTES": "service.name=x,oops", "DD_SERVICE": "dd"])
        }

        #expect(
            error?.messages == [
                #"OTEL_RESOURCE_ATTRIBUTES: "service.name=x,oops" has a malformed pair "oops" (expected key=value pairs separated by commas)"#
            ])
    }
}
