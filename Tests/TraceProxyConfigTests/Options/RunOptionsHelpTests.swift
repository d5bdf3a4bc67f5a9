import Testing

@testable import TraceProxyConfig

@Suite struct RunOptionsHelpTests {
    /// Wide enough that ArgumentParser never wraps an option's help.
    static let help = RunOptions.helpMessage(columns: 1000)

    /// The help text from `flag` up to the next option.
    static func entry(for flag: String) -> Substring? {
        guard let start = Self.help.firstRange(of: "  \(flag)")?.lowerBound else { return nil }
        let rest = Self.help[start...].dropFirst(2)
        let end = rest.firstRange(of: "\n  -")?.lowerBound ?? rest.endIndex
        return rest[..<end]
    }

    @Test(arguments: EnvironmentKey.allCases)
    func mentionsEveryVariable(key: EnvironmentKey) {
        #expect(Self.help.contains("env: \(key.rawValue))"))
    }

    @Test(arguments: Setting.allCases)
    func statesEachOptionsDefaultAndVariable(setting: Setting) throws {
        let entry = try #require(Self.entry(for: setting.flag))
        let origin = setting.defaultValue.map { "default: \($0)" } ?? (setting == .upstream ? "required" : "default: none")

        #expect(entry.contains("(\(origin), env: \(setting.environmentKey.rawValue))"))
    }

    @Test(arguments: [
        "Upstream connect timeout. (default: 5s, env: TRACEPROXY_CONNECT_TIMEOUT)",
        "(required, env: TRACEPROXY_UPSTREAM)",
        "(default: 127.0.0.1:7800, env: TRACEPROXY_LISTEN)",
        "(default: none, env: OTEL_TRACES_EXPORTER)",
        "(default: traceproxy, env: OTEL_SERVICE_NAME)",
        "(default: 32768, env: TRACEPROXY_MAX_HEADER_BYTES)",
        "--rewrite-host/--no-rewrite-host",
        "--access-log/--no-access-log",
        "(default: tracecontext,baggage, env: OTEL_PROPAGATORS)",
        "(default: parentbased_always_on, env: OTEL_TRACES_SAMPLER)",
        "(default: none, env: OTEL_TRACES_SAMPLER_ARG)",
        "(default: 0, env: TRACEPROXY_MAX_TRACES_PER_SECOND)",
        "(default: off, env: TRACEPROXY_KEEP_SLOWER_THAN)",
        "(default: none, env: TRACEPROXY_ROUTES)",
        "(default: /openapi.json, env: TRACEPROXY_OPENAPI_PATH)",
        "(default: token,key,api_key,password,secret,signature,sig,code, env: TRACEPROXY_REDACT_QUERY_PARAMS)",
        "in addition to authorization, proxy-authorization, cookie, set-cookie.",
        "(default: /healthz,/readyz,/livez, env: TRACEPROXY_HEALTH_PATHS)",
        "(default: true, env: TRACEPROXY_CLIENT_SPANS)",
        "(default: 127.0.0.1:7801, env: TRACEPROXY_ADMIN)",
        "(default: auto, env: TRACEPROXY_STORE_SPANS)",
        "(default: none, env: TRACEPROXY_TRACE_LINK_TEMPLATE)",
        "(default: http://localhost:4318/v1/traces, env: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)",
        "(default: http://localhost:8126, env: DD_TRACE_AGENT_URL)",
        "(default: http/protobuf, env: OTEL_EXPORTER_OTLP_PROTOCOL)",
        "(default: 6831, env: OTEL_EXPORTER_JAEGER_AGENT_PORT)",
        "(default: 4096, env: OTEL_BSP_MAX_QUEUE_SIZE)",
        "(default: the service name, env: DD_SERVICE)",
        "Precedence: this flag, OTEL_SERVICE_NAME, service.name in OTEL_RESOURCE_ATTRIBUTES, DD_SERVICE, the default.",
        "span exporters: console, otlp, jaeger, zipkin, datadog, or none.",
        "--keep-errors/--no-keep-errors", "--trace-probes/--no-trace-probes", "--client-spans/--no-client-spans",
        "--trace-response/--no-trace-response", "--admin-public/--no-admin-public",
        "--route <pattern>", "--capture-request-header <name>", "--redact-query-param <name>",
    ])
    func showsTheseExactly(text: String) {
        #expect(Self.help.contains(text))
    }

    /// Each environment-only variable is listed under the option it belongs to, with its default.
    @Test(arguments: ExportVariable.allCases)
    func listsEachEnvironmentOnlyVariableUnderItsOption(variable: ExportVariable) throws {
        let entry = try #require(Self.entry(for: variable.owner.flag))

        #expect(entry.contains("(default: \(variable.defaultValue ?? "none"), env: \(variable.key.rawValue))"))
    }

    @Test func everyVariableBelongsToExactlyOneOptionOrIsEnvironmentOnly() {
        let keys = Setting.allCases.map(\.environmentKey) + ExportVariable.allCases.map(\.key)

        #expect(Set(keys) == Set(EnvironmentKey.allCases))
        #expect(keys.count == EnvironmentKey.allCases.count)
    }
}
