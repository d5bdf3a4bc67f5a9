import Testing

@testable import TraceProxyConfig

@Suite struct RunOptionsResolveTests {
    static let upstreamFlag = ["--upstream", "http://127.0.0.1:8000"]

    @Test func appliesEveryDefaultWhenOnlyTheUpstreamIsGiven() throws {
        let options = try RunOptions.parse(Self.upstreamFlag)

        let configuration = try options.resolve(environment: [:])

        #expect(configuration == DefaultConfiguration.configuration)
    }

    /// Which of the three sources supplies the value under test.
    enum Origin: CaseIterable, Sendable { case flag, environment, builtInDefault }

    /// One option: how to set it each way, and how the result reads for each origin.
    struct Row: Sendable, CustomTestStringConvertible {
        let setting: String
        let flagArguments: [String]
        let variable: EnvironmentKey
        let variableValue: String
        let expectedFromFlag: String
        let expectedFromEnvironment: String
        let expectedByDefault: String
        let read: @Sendable (TraceProxyConfiguration) -> String
        var testDescription: String { self.setting }

        func expected(_ origin: Origin) -> String {
            switch origin {
            case .flag: self.expectedFromFlag
            case .environment: self.expectedFromEnvironment
            case .builtInDefault: self.expectedByDefault
            }
        }
    }

    static let rows: [Row] = [
        Row(
            setting: "listen", flagArguments: ["--listen", "10.0.0.1:1"], variable: .listen, variableValue: "[::1]:2",
            expectedFromFlag: "10.0.0.1 1", expectedFromEnvironment: "::1 2", expectedByDefault: "127.0.0.1 7800",
            read: { "\($0.listen.host) \($0.listen.port)" }),
        Row(
            setting: "service-name", flagArguments: ["--service-name", "from-flag"], variable: .serviceName,
            variableValue: "from-env", expectedFromFlag: "from-flag", expectedFromEnvironment: "from-env",
            expectedByDefault: "traceproxy", read: { $0.serviceName }),
        Row(
            setting: "exporter", flagArguments: ["--exporter", "none"], variable: .tracesExporter,
            variableValue: "console", expectedFromFlag: "", expectedFromEnvironment: "console", expectedByDefault: "",
            read: { $0.exporters.map(\.rawValue).joined(separator: ",") }),
        Row(
            setting: "console-output", flagArguments: ["--console-output", "/tmp/flag.log"], variable: .consoleOutput,
            variableValue: "/tmp/env.log", expectedFromFlag: "/tmp/flag.log", expectedFromEnvironment: "/tmp/env.log",
            expectedByDefault: "stdout", read: { $0.consoleOutput ?? "stdout" }),
        Row(
            setting: "connect-timeout", flagArguments: ["--connect-timeout", "1ms"], variable: .connectTimeout,
            variableValue: "2m", expectedFromFlag: "\(Duration.milliseconds(1))",
            expectedFromEnvironment: "\(Duration.seconds(120))", expectedByDefault: "\(Duration.seconds(5))",
            read: { "\($0.connectTimeout)" }),
        Row(
            setting: "upstream-timeout", flagArguments: ["--upstream-timeout", "1ms"], variable: .upstreamTimeout,
            variableValue: "2m", expectedFromFlag: "\(Duration.milliseconds(1))",
            expectedFromEnvironment: "\(Duration.seconds(120))", expectedByDefault: "\(Duration.seconds(60))",
            read: { "\($0.upstreamTimeout)" }),
        Row(
            setting: "header-timeout", flagArguments: ["--header-timeout", "1ms"], variable: .headerTimeout,
            variableValue: "2m", expectedFromFlag: "\(Duration.milliseconds(1))",
            expectedFromEnvironment: "\(Duration.seconds(120))", expectedByDefault: "\(Duration.seconds(10))",
            read: { "\($0.headerTimeout)" }),
        Row(
            setting: "idle-timeout", flagArguments: ["--idle-timeout", "1ms"], variable: .idleTimeout,
            variableValue: "2m", expectedFromFlag: "\(Duration.milliseconds(1))",
            expectedFromEnvironment: "\(Duration.seconds(120))", expectedByDefault: "\(Duration.seconds(60))",
            read: { "\($0.idleTimeout)" }),
        Row(
            setting: "drain-timeout", flagArguments: ["--drain-timeout", "0"], variable: .drainTimeout,
            variableValue: "2m", expectedFromFlag: "\(Duration.zero)",
            expectedFromEnvironment: "\(Duration.seconds(120))", expectedByDefault: "\(Duration.seconds(15))",
            read: { "\($0.drainTimeout)" }),
        Row(
            setting: "max-header-bytes", flagArguments: ["--max-header-bytes", "2KiB"], variable: .maxHeaderBytes,
            variableValue: "80KiB", expectedFromFlag: "2048", expectedFromEnvironment: "81920",
            expectedByDefault: "32768", read: { "\($0.maxHeaderBytes)" }),
        Row(
            setting: "max-connections", flagArguments: ["--max-connections", "7"], variable: .maxConnections,
            variableValue: "9", expectedFromFlag: "7", expectedFromEnvironment: "9", expectedByDefault: "1024",
            read: { "\($0.maxConnections)" }),
        Row(
            setting: "rewrite-host", flagArguments: ["--no-rewrite-host"], variable: .rewriteHost,
            variableValue: "yes", expectedFromFlag: "false", expectedFromEnvironment: "true",
            expectedByDefault: "false", read: { "\($0.rewriteHost)" }),
        Row(
            setting: "access-log", flagArguments: ["--no-access-log"], variable: .accessLog, variableValue: "1",
            expectedFromFlag: "false", expectedFromEnvironment: "true", expectedByDefault: "false",
            read: { "\($0.accessLog)" }),
        Row(
            setting: "log-level", flagArguments: ["--log-level", "debug"], variable: .logLevel,
            variableValue: "ERROR", expectedFromFlag: "debug", expectedFromEnvironment: "error",
            expectedByDefault: "info", read: { $0.logLevel.rawValue }),
    ] + Self.tracingRows + Self.adminAndStoreRows + Self.exportFlagRows

    @Test(arguments: Self.rows, Origin.allCases)
    func flagBeatsEnvironmentBeatsDefault(row: Row, origin: Origin) throws {
        // The flag case also sets the variable, and an empty variable counts as unset.
        let arguments = Self.upstreamFlag + (origin == .flag ? row.flagArguments : [])
        let environment = [row.variable.rawValue: origin == .builtInDefault ? "" : row.variableValue]
        let options = try RunOptions.parse(arguments)

        let configuration = try options.resolve(environment: environment)

        #expect(row.read(configuration) == row.expected(origin))
    }

    @Test func upstreamFlagBeatsItsVariable() throws {
        let options = try RunOptions.parse(["--upstream", "http://flag:1"])

        let configuration = try options.resolve(environment: ["TRACEPROXY_UPSTREAM": "http://env:2"])

        #expect(configuration.upstream.baseURLString == "http://flag:1")
    }

    @Test func upstreamComesFromItsVariable() throws {
        let options = try RunOptions.parse([])

        let configuration = try options.resolve(environment: ["TRACEPROXY_UPSTREAM": "https://env:2/base/"])

        #expect(configuration.upstream == UpstreamURL(scheme: .https, host: "env", port: 2, basePath: "/base"))
    }

    @Test func switchFlagsTurnOnWhatTheEnvironmentTurnedOff() throws {
        let options = try RunOptions.parse(Self.upstreamFlag + ["--rewrite-host", "--access-log"])

        let configuration = try options.resolve(environment: [
            "TRACEPROXY_REWRITE_HOST": "false", "TRACEPROXY_ACCESS_LOG": "no",
        ])

        #expect(configuration.rewriteHost)
        #expect(configuration.accessLog)
    }

    @Test func aBadVariableBehindAFlagIsNeverRead() throws {
        let options = try RunOptions.parse(Self.upstreamFlag + ["--listen", ":9"])

        let configuration = try options.resolve(environment: ["TRACEPROXY_LISTEN": "garbage"])

        #expect(configuration.listen == SocketAddressSpec(host: "0.0.0.0", port: 9))
    }

    @Test func ignoresVariablesItDoesNotOwn() throws {
        let options = try RunOptions.parse(Self.upstreamFlag)

        let configuration = try options.resolve(environment: [
            "TRACEPROXY_SERVICE_NAME": "ignored", "SERVICE_NAME": "ignored", "DD_SERVICE_NAME": "ignored",
            "PATH": "/usr/bin",
        ])

        #expect(configuration.serviceName == "traceproxy")
    }
}
