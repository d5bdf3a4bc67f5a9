import TraceProxyTracing

@testable import TraceProxyConfig

/// The configuration every built-in default gives, spelled out, with the upstream `http://127.0.0.1:8000`.
///
/// Tests start from this and change what they are about, so an added option changes one place.
enum DefaultConfiguration {
    static let export = ExportSettings(
        otlpTracesEndpoint: "http://localhost:4318/v1/traces",
        otlpProtocol: .httpProtobuf,
        otlpHeaders: [],
        otlpCompression: false,
        otlpTimeout: .seconds(10),
        jaegerAgentHost: "localhost",
        jaegerAgentPort: 6831,
        jaegerEndpoint: nil,
        zipkinEndpoint: "http://localhost:9411/api/v2/spans",
        datadogAgentURL: "http://localhost:8126",
        datadogService: "traceproxy",
        datadogEnv: nil,
        datadogVersion: nil,
        batch: BatchSettings(
            maxQueueSize: 4096, maxExportBatchSize: 512, scheduleDelay: .seconds(1), exportTimeout: .seconds(10)),
        resourceAttributes: []
    )

    static let configuration = TraceProxyConfiguration(
        listen: SocketAddressSpec(host: "127.0.0.1", port: 7800),
        upstream: UpstreamURL(scheme: .http, host: "127.0.0.1", port: 8000, basePath: ""),
        serviceName: "traceproxy",
        exporters: [],
        consoleOutput: nil,
        export: Self.export,
        connectTimeout: .seconds(5),
        upstreamTimeout: .seconds(60),
        headerTimeout: .seconds(10),
        idleTimeout: .seconds(60),
        drainTimeout: .seconds(15),
        maxHeaderBytes: 32768,
        maxConnections: 1024,
        rewriteHost: false,
        accessLog: false,
        logLevel: .info,
        propagators: [.tracecontext, .baggage],
        sampler: .parentBasedAlwaysOn,
        maxTracesPerSecond: nil,
        keepErrors: false,
        keepSlowerThan: nil,
        routes: [],
        openAPIPath: "/openapi.json",
        captureRequestHeaders: [],
        captureResponseHeaders: [],
        redactHeaders: ["authorization", "proxy-authorization", "cookie", "set-cookie"],
        redactQueryParams: ["token", "key", "api_key", "password", "secret", "signature", "sig", "code"],
        traceProbes: false,
        healthPaths: ["/healthz", "/readyz", "/livez"],
        clientSpans: true,
        traceResponse: false,
        admin: SocketAddressSpec(host: "127.0.0.1", port: 7801),
        adminPublic: false,
        storeSpans: 10000,
        traceLinkTemplate: nil
    )
}
