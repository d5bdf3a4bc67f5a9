import Testing

@testable import TraceProxyConfig

@Suite struct OTLPEndpointTests {
    static let upstreamFlag = ["--upstream", "http://127.0.0.1:8000"]

    struct Row: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let environment: [String: String]
        let endpoint: String
        let otlpProtocol: OTLPProtocol
        var testDescription: String { "\(self.arguments) \(self.environment.sorted { $0.key < $1.key })" }

        init(_ environment: [String: String], _ endpoint: String, _ otlpProtocol: OTLPProtocol = .httpProtobuf) {
            self.init([], environment, endpoint, otlpProtocol)
        }

        init(
            _ arguments: [String], _ environment: [String: String], _ endpoint: String,
            _ otlpProtocol: OTLPProtocol = .httpProtobuf
        ) {
            self.arguments = arguments
            self.environment = environment
            self.endpoint = endpoint
            self.otlpProtocol = otlpProtocol
        }
    }

    static let rows: [Row] = [
        // Defaults per protocol.
        Row([:], "http://localhost:4318/v1/traces"),
        Row(["OTEL_EXPORTER_OTLP_PROTOCOL": "http/json"], "http://localhost:4318/v1/traces", .httpJSON),
        Row(["OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"], "http://localhost:4317", .grpc),
        Row(["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "GRPC"], "http://localhost:4317", .grpc),
        // The traces protocol beats the general one.
        Row(
            ["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "http/json", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"],
            "http://localhost:4318/v1/traces", .httpJSON),
        // OTEL_EXPORTER_OTLP_ENDPOINT gets /v1/traces for http, nothing for grpc; trailing slashes go.
        Row(["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"], "http://collector:4318/v1/traces"),
        Row(["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318/"], "http://collector:4318/v1/traces"),
        Row(["OTEL_EXPORTER_OTLP_ENDPOINT": "https://otel.example/prefix//"], "https://otel.example/prefix/v1/traces"),
        Row(
            ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4317/", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"],
            "http://collector:4317/", .grpc),
        // The traces endpoint is used as is, for every protocol, and beats the general one.
        Row(["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://c:4318/custom/"], "http://c:4318/custom/"),
        Row(["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://c:4318"], "http://c:4318"),
        Row(
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://t:1/x", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://e:2"],
            "http://t:1/x"),
        Row(
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://t:4317", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"],
            "http://t:4317", .grpc),
        // --otlp-endpoint beats both variables and is used as is.
        Row(
            ["--otlp-endpoint", "https://flag/v1/traces/"],
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://t:1", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://e:2"],
            "https://flag/v1/traces/"),
        Row(["--otlp-endpoint", "http://flag:4317"], ["OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"], "http://flag:4317", .grpc),
        // Empty variables count as unset.
        Row(
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://e:2"],
            "http://e:2/v1/traces"),
    ]

    @Test(arguments: Self.rows)
    func resolvesTheTracesEndpoint(row: Row) throws {
        let options = try RunOptions.parse(Self.upstreamFlag + row.arguments)

        let export = try options.resolve(environment: row.environment).export

        #expect(export.otlpTracesEndpoint == row.endpoint)
        #expect(export.otlpProtocol == row.otlpProtocol)
    }

    @Test func aBadProtocolAndABadEndpointAreBothReported() throws {
        let options = try RunOptions.parse(Self.upstreamFlag)

        let error = #expect(throws: ConfigurationError.self) {
            try options.resolve(environment: [
                "OTEL_EXPORTER_OTLP_PROTOCOL": "udp", "OTEL_EXPORTER_OTLP_ENDPOINT": "collector",
            ])
        }

        #expect(
            error?.messages == [
                #"OTEL_EXPORTER_OTLP_PROTOCOL: "udp" is not an OTLP protocol (expected http/protobuf, http/json or grpc)"#,
                #"OTEL_EXPORTER_OTLP_ENDPOINT: "collector" is not an http:// or https:// URL with a host (expected e.g. http://collector:4318/v1/traces)"#,
            ])
    }
}
