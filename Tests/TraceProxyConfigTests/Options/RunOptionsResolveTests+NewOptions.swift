import TraceProxyTracing

@testable import TraceProxyConfig

/// Flag beats variable beats default, for the options of issues 3, 4 and 5
/// (run by `RunOptionsResolveTests.flagBeatsEnvironmentBeatsDefault`).
extension RunOptionsResolveTests {
    static let tracingRows: [Row] = [
        Row(
            setting: "propagators", flagArguments: ["--propagators", "b3"], variable: .propagators,
            variableValue: "jaeger, B3MULTI,jaeger", expectedFromFlag: "b3", expectedFromEnvironment: "jaeger,b3multi",
            expectedByDefault: "tracecontext,baggage", read: { $0.propagators.map(\.rawValue).joined(separator: ",") }),
        Row(
            setting: "propagators none", flagArguments: ["--propagators", "none"], variable: .propagators,
            variableValue: "datadog,none", expectedFromFlag: "", expectedFromEnvironment: "datadog",
            expectedByDefault: "tracecontext,baggage", read: { $0.propagators.map(\.rawValue).joined(separator: ",") }),
        Row(
            setting: "sampler", flagArguments: ["--sampler", "always_off"], variable: .tracesSampler,
            variableValue: "TraceIdRatio", expectedFromFlag: "alwaysOff", expectedFromEnvironment: "traceIDRatio(1.0)",
            expectedByDefault: "parentBasedAlwaysOn", read: { "\($0.sampler)" }),
        Row(
            setting: "max-traces-per-second", flagArguments: ["--max-traces-per-second", "0.5"],
            variable: .maxTracesPerSecond, variableValue: "100", expectedFromFlag: "0.5",
            expectedFromEnvironment: "100.0", expectedByDefault: "unlimited",
            read: { $0.maxTracesPerSecond.map { "\($0)" } ?? "unlimited" }),
        Row(
            setting: "max-traces-per-second 0", flagArguments: ["--max-traces-per-second", "0.0"],
            variable: .maxTracesPerSecond, variableValue: "000", expectedFromFlag: "unlimited",
            expectedFromEnvironment: "unlimited", expectedByDefault: "unlimited",
            read: { $0.maxTracesPerSecond.map { "\($0)" } ?? "unlimited" }),
        Row(
            setting: "keep-errors", flagArguments: ["--no-keep-errors"], variable: .keepErrors, variableValue: "yes",
            expectedFromFlag: "false", expectedFromEnvironment: "true", expectedByDefault: "false",
            read: { "\($0.keepErrors)" }),
        Row(
            setting: "keep-slower-than", flagArguments: ["--keep-slower-than", "250ms"], variable: .keepSlowerThan,
            variableValue: "2s", expectedFromFlag: "\(Duration.milliseconds(250))",
            expectedFromEnvironment: "\(Duration.seconds(2))", expectedByDefault: "off",
            read: { $0.keepSlowerThan.map { "\($0)" } ?? "off" }),
        Row(
            setting: "keep-slower-than off", flagArguments: ["--keep-slower-than", "off"], variable: .keepSlowerThan,
            variableValue: "off", expectedFromFlag: "off", expectedFromEnvironment: "off", expectedByDefault: "off",
            read: { $0.keepSlowerThan.map { "\($0)" } ?? "off" }),
        Row(
            setting: "route", flagArguments: ["--route", "/a/{id}", "--route", "GET /b", "--route", "/a/{id}"],
            variable: .routes, variableValue: "/x , POST /y/{z}/{w}", expectedFromFlag: "/a/{id}|GET /b",
            expectedFromEnvironment: "/x|POST /y/{z}/{w}", expectedByDefault: "",
            read: { $0.routes.joined(separator: "|") }),
        Row(
            setting: "openapi-path", flagArguments: ["--openapi-path", "off"], variable: .openAPIPath,
            variableValue: "/docs/openapi.yaml", expectedFromFlag: "off", expectedFromEnvironment: "/docs/openapi.yaml",
            expectedByDefault: "/openapi.json", read: { $0.openAPIPath ?? "off" }),
        Row(
            setting: "capture-request-header",
            flagArguments: ["--capture-request-header", "X-Request-ID", "--capture-request-header", "x-request-id"],
            variable: .captureRequestHeaders, variableValue: "User-Agent, Accept", expectedFromFlag: "x-request-id",
            expectedFromEnvironment: "user-agent,accept", expectedByDefault: "",
            read: { $0.captureRequestHeaders.joined(separator: ",") }),
        Row(
            setting: "capture-response-header",
            flagArguments: ["--capture-response-header", "Content-Type", "--capture-response-header", "ETag"],
            variable: .captureResponseHeaders, variableValue: "Cache-Control", expectedFromFlag: "content-type,etag",
            expectedFromEnvironment: "cache-control", expectedByDefault: "",
            read: { $0.captureResponseHeaders.joined(separator: ",") }),
        Row(
            setting: "redact-header", flagArguments: ["--redact-header", "X-Api-Key"], variable: .redactHeaders,
            variableValue: "Cookie,X-Token",
            expectedFromFlag: "authorization,proxy-authorization,cookie,set-cookie,x-api-key",
            expectedFromEnvironment: "authorization,proxy-authorization,cookie,set-cookie,x-token",
            expectedByDefault: "authorization,proxy-authorization,cookie,set-cookie",
            read: { $0.redactHeaders.joined(separator: ",") }),
        Row(
            setting: "redact-query-param", flagArguments: ["--redact-query-param", "jwt"], variable: .redactQueryParams,
            variableValue: "access_token, id_token", expectedFromFlag: "jwt",
            expectedFromEnvironment: "access_token,id_token",
            expectedByDefault: "token,key,api_key,password,secret,signature,sig,code",
            read: { $0.redactQueryParams.joined(separator: ",") }),
        Row(
            setting: "trace-probes", flagArguments: ["--no-trace-probes"], variable: .traceProbes, variableValue: "1",
            expectedFromFlag: "false", expectedFromEnvironment: "true", expectedByDefault: "false",
            read: { "\($0.traceProbes)" }),
        Row(
            setting: "health-path", flagArguments: ["--health-path", "/ping"], variable: .healthPaths,
            variableValue: "/health,/ready", expectedFromFlag: "/ping", expectedFromEnvironment: "/health,/ready",
            expectedByDefault: "/healthz,/readyz,/livez", read: { $0.healthPaths.joined(separator: ",") }),
        Row(
            setting: "client-spans", flagArguments: ["--client-spans"], variable: .clientSpans, variableValue: "no",
            expectedFromFlag: "true", expectedFromEnvironment: "false", expectedByDefault: "true",
            read: { "\($0.clientSpans)" }),
        Row(
            setting: "trace-response", flagArguments: ["--no-trace-response"], variable: .traceResponse,
            variableValue: "TRUE", expectedFromFlag: "false", expectedFromEnvironment: "true",
            expectedByDefault: "false", read: { "\($0.traceResponse)" }),
    ]

    static let adminAndStoreRows: [Row] = [
        Row(
            setting: "admin", flagArguments: ["--admin", "off"], variable: .admin, variableValue: "[::1]:9000",
            expectedFromFlag: "off", expectedFromEnvironment: "::1 9000", expectedByDefault: "127.0.0.1 7801",
            read: { $0.admin.map { "\($0.host) \($0.port)" } ?? "off" }),
        Row(
            setting: "admin-public", flagArguments: ["--no-admin-public"], variable: .adminPublic,
            variableValue: "true", expectedFromFlag: "false", expectedFromEnvironment: "true",
            expectedByDefault: "false", read: { "\($0.adminPublic)" }),
        Row(
            setting: "store-spans", flagArguments: ["--store-spans", "0"], variable: .storeSpans,
            variableValue: "1000000", expectedFromFlag: "0", expectedFromEnvironment: "1000000",
            expectedByDefault: "10000", read: { "\($0.storeSpans)" }),  // auto, no exporter
        Row(
            setting: "trace-link-template", flagArguments: ["--trace-link-template", "https://a/t/{trace_id}"],
            variable: .traceLinkTemplate, variableValue: "http://b/explore?trace={trace_id}&x=1",
            expectedFromFlag: "https://a/t/{trace_id}", expectedFromEnvironment: "http://b/explore?trace={trace_id}&x=1",
            expectedByDefault: "none", read: { $0.traceLinkTemplate ?? "none" }),
    ]

    static let exportFlagRows: [Row] = [
        Row(
            setting: "otlp-endpoint", flagArguments: ["--otlp-endpoint", "http://flag:4318/v1/traces"],
            variable: .otlpTracesEndpoint, variableValue: "https://env/custom/", expectedFromFlag: "http://flag:4318/v1/traces",
            expectedFromEnvironment: "https://env/custom/", expectedByDefault: "http://localhost:4318/v1/traces",
            read: { $0.export.otlpTracesEndpoint }),
        Row(
            setting: "datadog-agent-url", flagArguments: ["--datadog-agent-url", "http://dd-flag:8126"],
            variable: .datadogTraceAgentURL, variableValue: "https://dd-env:1234", expectedFromFlag: "http://dd-flag:8126",
            expectedFromEnvironment: "https://dd-env:1234", expectedByDefault: "http://localhost:8126",
            read: { $0.export.datadogAgentURL }),
    ]
}
