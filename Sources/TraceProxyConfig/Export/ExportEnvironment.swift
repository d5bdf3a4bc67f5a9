/// Reads the exporter variables (`ExportVariable`) plus `--otlp-endpoint` and `--datadog-agent-url`
/// into `ExportSettings`, recording every problem in the shared `SettingResolver`.
///
/// `RunOptions.resolve(environment:)` calls the three parts where their options stand in `--help`,
/// so problems keep help order: `general` after `--exporter`, `otlp` at `--otlp-endpoint`,
/// `datadog` at `--datadog-agent-url`.
enum ExportEnvironment {
    static let defaultOTLPHTTPEndpoint = "http://localhost:4318/v1/traces"
    static let defaultOTLPGRPCEndpoint = "http://localhost:4317"
    /// Appended to `OTEL_EXPORTER_OTLP_ENDPOINT` for the http protocols.
    static let otlpTracesPath = "/v1/traces"
    static let otlpExample = "http://collector:4318/v1/traces"

    struct General {
        var jaegerAgentHost: String
        var jaegerAgentPort: Int
        var jaegerEndpoint: String?
        var zipkinEndpoint: String
        var batch: BatchSettings
        var resourceAttributes: [(String, String)]
    }

    struct OTLP {
        var endpoint: String
        var `protocol`: OTLPProtocol
        var headers: [(String, String)]
        var compression: Bool
        var timeout: Duration
    }

    struct Datadog {
        var agentURL: String
        var service: String
        var env: String?
        var version: String?
    }

    /// The key of the resource attribute that names the service.
    static let serviceNameAttribute = "service.name"

    /// `service.name` from `OTEL_RESOURCE_ATTRIBUTES` if it parses and is not empty (problems are reported later).
    static func resourceServiceName(_ settings: SettingResolver) -> String? {
        guard let text = settings.variable(.resourceAttributes),
            let pairs = try? KeyValueListParser.parse(text, keys: .attributeKey)
        else { return nil }
        return pairs.last(where: { $0.0 == Self.serviceNameAttribute }).map(\.1).flatMap { $0.isEmpty ? nil : $0 }
    }

    static func general(_ settings: inout SettingResolver) -> General? {
        let jaegerHost = settings.value(.jaegerAgentHost, parse: AgentAddressParser.host)
        let jaegerPort = settings.value(.jaegerAgentPort, parse: AgentAddressParser.port)
        let jaegerEndpoint = settings.value(.jaegerEndpoint) { text throws(ParseFailure) in
            try EndpointURLParser.parse(text, example: "http://localhost:14268/api/traces")
        }
        let zipkinEndpoint = settings.value(.zipkinEndpoint) { text throws(ParseFailure) in
            try EndpointURLParser.parse(text, example: "http://localhost:9411/api/v2/spans")
        }
        let queueSize = settings.value(.batchMaxQueueSize) { text throws(ParseFailure) in
            try WholeNumberParser.parse(text, atLeast: 1, example: 4096)
        }
        let batchSize = settings.value(.batchMaxExportBatchSize) { text throws(ParseFailure) in
            try WholeNumberParser.parse(text, atLeast: 1, example: 512)
        }
        let scheduleDelay = settings.value(.batchScheduleDelay) { text throws(ParseFailure) in
            try MillisecondsParser.parse(text, atLeast: 0)
        }
        let exportTimeout = settings.value(.batchExportTimeout) { text throws(ParseFailure) in
            try MillisecondsParser.parse(text, atLeast: 1)
        }
        var exportBatchSize = batchSize??.value
        if let queueSize = queueSize??.value, let size = exportBatchSize, size > queueSize {
            if let raw = batchSize??.raw, raw.source == ExportVariable.batchMaxExportBatchSize.key.rawValue {
                settings.reject(
                    raw,
                    ParseFailure(
                        "is larger than the queue size \(queueSize) (\(EnvironmentKey.batchMaxQueueSize.rawValue))")
                )
                exportBatchSize = nil
            } else {
                // Only the default is larger: follow the smaller queue.
                exportBatchSize = queueSize
            }
        }
        let attributes = settings.value(.resourceAttributes) { text throws(ParseFailure) in
            try KeyValueListParser.parse(text, keys: .attributeKey)
        }

        guard let jaegerHost = jaegerHost??.value, let jaegerPort = jaegerPort??.value, let jaegerEndpoint,
            let zipkinEndpoint = zipkinEndpoint??.value, let queueSize = queueSize??.value, let exportBatchSize,
            let scheduleDelay = scheduleDelay??.value, let exportTimeout = exportTimeout??.value, let attributes
        else { return nil }
        return General(
            jaegerAgentHost: jaegerHost,
            jaegerAgentPort: jaegerPort,
            jaegerEndpoint: jaegerEndpoint?.value,
            zipkinEndpoint: zipkinEndpoint,
            batch: BatchSettings(
                maxQueueSize: queueSize,
                maxExportBatchSize: exportBatchSize,
                scheduleDelay: scheduleDelay,
                exportTimeout: exportTimeout
            ),
            resourceAttributes: Self.mergingRepeatedKeys(attributes?.value ?? [])
                .filter { $0.0 != Self.serviceNameAttribute }
        )
    }

    static func otlp(_ settings: inout SettingResolver, flag: String?) -> OTLP? {
        let otlpProtocol = settings.value(.otlpTracesProtocol, else: .otlpProtocol) {
            text throws(ParseFailure) in
            guard let value = OTLPProtocol(rawValue: text.lowercased()) else {
                throw ParseFailure("is not an OTLP protocol (expected http/protobuf, http/json or grpc)")
            }
            return value
        }??.value

        let parseEndpoint = { (text: String) throws(ParseFailure) -> String in
            try EndpointURLParser.parse(text, example: Self.otlpExample)
        }
        var endpoint: String?
        if let raw = settings.raw(.otlpEndpoint, flag: flag, fallbacks: []), raw.source != "default of --otlp-endpoint" {
            // The flag or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: used as is.
            endpoint = settings.parse(raw, parseEndpoint)
        } else if let base = settings.value(.otlpEndpoint, parse: parseEndpoint)??.value {
            if let otlpProtocol {
                endpoint = otlpProtocol.isHTTP ? Self.droppingTrailingSlashes(base) + Self.otlpTracesPath : base
            }
        } else if let otlpProtocol, settings.variable(.otlpEndpoint) == nil {
            endpoint = otlpProtocol.isHTTP ? Self.defaultOTLPHTTPEndpoint : Self.defaultOTLPGRPCEndpoint
        }

        let headers = settings.value(.otlpTracesHeaders, else: .otlpHeaders) { text throws(ParseFailure) in
            try KeyValueListParser.parse(text, keys: .headerName)
        }
        let compression = settings.value(.otlpTracesCompression, else: .otlpCompression) {
            text throws(ParseFailure) in
            switch text.lowercased() {
            case "gzip": true
            case "none": false
            default: throw ParseFailure("is not a compression (expected gzip or none)")
            }
        }
        let timeout = settings.value(.otlpTracesTimeout, else: .otlpTimeout) { text throws(ParseFailure) in
            try MillisecondsParser.parse(text, atLeast: 1)
        }

        guard let otlpProtocol, let endpoint, let headers, let compression = compression??.value,
            let timeout = timeout??.value
        else { return nil }
        return OTLP(
            endpoint: endpoint, protocol: otlpProtocol, headers: headers?.value ?? [], compression: compression,
            timeout: timeout)
    }

    static func datadog(_ settings: inout SettingResolver, flag: String?, serviceName: String?) -> Datadog? {
        let parseURL = { (text: String) throws(ParseFailure) -> String in
            try EndpointURLParser.parse(text, example: "http://localhost:8126")
        }
        // Checked even when DD_TRACE_AGENT_URL wins, as every bad value is.
        let host = settings.value(.datadogAgentHost, parse: AgentAddressParser.host)??.value
        let port = settings.value(.datadogTraceAgentPort, parse: AgentAddressParser.port)??.value
        var agentURL: String?
        if let raw = settings.raw(.datadogAgentURL, flag: flag), raw.source != "default of --datadog-agent-url" {
            agentURL = settings.parse(raw, parseURL)
        } else if let host, let port {
            agentURL = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        }
        let service = settings.variable(.datadogService) ?? serviceName
        guard let agentURL, host != nil, port != nil, let service else { return nil }
        return Datadog(
            agentURL: agentURL, service: service, env: settings.variable(.datadogEnv),
            version: settings.variable(.datadogVersion))
    }

    static func droppingTrailingSlashes(_ text: String) -> String {
        var text = Substring(text)
        while text.hasSuffix("/") { text.removeLast() }
        return String(text)
    }

    /// Later values of a repeated key replace earlier ones, in the first one's position.
    static func mergingRepeatedKeys(_ pairs: [(String, String)]) -> [(String, String)] {
        var merged: [(String, String)] = []
        for (key, value) in pairs {
            if let index = merged.firstIndex(where: { $0.0 == key }) {
                merged[index].1 = value
            } else {
                merged.append((key, value))
            }
        }
        return merged
    }
}

extension SettingResolver {
    /// A parsed environment-only value and the raw text it came from.
    struct Sourced<Value> {
        let value: Value
        let raw: Raw
    }

    /// `variable`, else `fallback` (the general variable behind a signal-specific one), else the default.
    ///
    /// `.some(nil)` when all are unset and there is no default; `nil` after recording a problem.
    mutating func value<Value>(
        _ variable: ExportVariable,
        else fallback: ExportVariable? = nil,
        parse: (String) throws(ParseFailure) -> Value
    ) -> Sourced<Value>?? {
        let raw: Raw
        if let text = self.variable(variable.key) {
            raw = Raw(source: variable.key.rawValue, text: text)
        } else if let fallback, let text = self.variable(fallback.key) {
            raw = Raw(source: fallback.key.rawValue, text: text)
        } else if let text = variable.defaultValue {
            raw = Raw(source: "default of \(variable.key.rawValue)", text: text)
        } else {
            return .some(nil)
        }
        guard let value = self.parse(raw, parse) else { return nil }
        return .some(Sourced(value: value, raw: raw))
    }
}
