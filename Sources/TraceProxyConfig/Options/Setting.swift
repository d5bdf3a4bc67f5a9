import ArgumentParser

/// One configurable setting: its flag, its environment variable, its default and its help.
///
/// This table is the one place defaults are written down. `RunOptions` takes
/// its help from here and `resolve(environment:)` parses the default text with
/// the same parser as user input, so help and behaviour cannot drift apart.
enum Setting: CaseIterable {
    case listen, upstream, serviceName, exporter, consoleOutput
    case connectTimeout, upstreamTimeout, headerTimeout, idleTimeout, drainTimeout
    case maxHeaderBytes, maxConnections
    case rewriteHost, accessLog, logLevel

    /// The long flag name without dashes.
    var longName: String {
        switch self {
        case .listen: "listen"
        case .upstream: "upstream"
        case .serviceName: "service-name"
        case .exporter: "exporter"
        case .consoleOutput: "console-output"
        case .connectTimeout: "connect-timeout"
        case .upstreamTimeout: "upstream-timeout"
        case .headerTimeout: "header-timeout"
        case .idleTimeout: "idle-timeout"
        case .drainTimeout: "drain-timeout"
        case .maxHeaderBytes: "max-header-bytes"
        case .maxConnections: "max-connections"
        case .rewriteHost: "rewrite-host"
        case .accessLog: "access-log"
        case .logLevel: "log-level"
        }
    }

    /// The flag as the user types it, and as error lines name it.
    var flag: String { "--\(self.longName)" }

    var environmentKey: EnvironmentKey {
        switch self {
        case .listen: .listen
        case .upstream: .upstream
        case .serviceName: .serviceName
        case .exporter: .tracesExporter
        case .consoleOutput: .consoleOutput
        case .connectTimeout: .connectTimeout
        case .upstreamTimeout: .upstreamTimeout
        case .headerTimeout: .headerTimeout
        case .idleTimeout: .idleTimeout
        case .drainTimeout: .drainTimeout
        case .maxHeaderBytes: .maxHeaderBytes
        case .maxConnections: .maxConnections
        case .rewriteHost: .rewriteHost
        case .accessLog: .accessLog
        case .logLevel: .logLevel
        }
    }

    /// The value used when neither the flag nor the variable is given, in flag syntax; `nil` means required.
    var defaultValue: String? {
        switch self {
        // 7800 avoids the ports listed in DESIGN.md (Envoy, Prometheus, Jaeger, Datadog, Zipkin, app ports).
        case .listen: "127.0.0.1:7800"
        case .upstream: nil
        case .serviceName: "traceproxy"
        case .exporter: ExporterListParser.noneKeyword
        case .consoleOutput: "-"
        case .connectTimeout: "5s"
        case .upstreamTimeout: "60s"
        case .headerTimeout: "10s"
        case .idleTimeout: "60s"
        case .drainTimeout: "15s"
        case .maxHeaderBytes: "32768"
        case .maxConnections: "1024"
        case .rewriteHost: "false"
        case .accessLog: "false"
        case .logLevel: LogLevel.info.rawValue
        }
    }

    private var abstract: String {
        switch self {
        case .listen: "Address to accept clients on; :PORT means all IPv4 interfaces, port 0 any free port."
        case .upstream: "Service to forward to: http(s)://host[:port][/base-path]."
        case .serviceName: "service.name recorded on every span."
        case .exporter:
            "Comma-separated span exporters: \(ExporterName.allCases.map(\.rawValue).joined(separator: ", ")), or none."
        case .consoleOutput: "File the console exporter appends to; - means stdout."
        case .connectTimeout: "Upstream connect timeout."
        case .upstreamTimeout: "Longest the upstream may stay silent while a response is awaited or streamed (then 504, or the connection is closed)."
        case .headerTimeout: "Time a client has to send a complete request head."
        case .idleTimeout: "Time an idle keep-alive client connection stays open."
        case .drainTimeout: "Time in-flight requests get to finish at shutdown; 0 closes at once."
        case .maxHeaderBytes: "Largest request head, in bytes or with a KiB/MiB suffix (1KiB to 80KiB)."
        case .maxConnections: "Most client connections served at once."
        case .rewriteHost: "Send the upstream's host as Host instead of the client's."
        case .accessLog: "Log one line per request."
        case .logLevel: "Log level: \(LogLevel.allCases.map(\.rawValue).joined(separator: ", "))."
        }
    }

    private var valueName: String? {
        switch self {
        case .listen: "host:port"
        case .upstream: "url"
        case .serviceName: "name"
        case .exporter: "list"
        case .consoleOutput: "path"
        case .connectTimeout, .upstreamTimeout, .headerTimeout, .idleTimeout, .drainTimeout: "duration"
        case .maxHeaderBytes: "size"
        case .maxConnections: "count"
        case .rewriteHost, .accessLog: nil
        case .logLevel: "level"
        }
    }

    /// For example `Upstream connect timeout. (default: 5s, env: TRACEPROXY_CONNECT_TIMEOUT)`.
    var help: ArgumentHelp {
        let origin = self.defaultValue.map { "default: \($0)" } ?? "required"
        return ArgumentHelp(
            "\(self.abstract) (\(origin), env: \(self.environmentKey.rawValue))",
            valueName: self.valueName
        )
    }
}
