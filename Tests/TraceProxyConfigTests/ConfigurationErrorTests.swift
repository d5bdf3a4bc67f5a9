import Testing

@testable import TraceProxyConfig

@Suite struct ConfigurationErrorTests {
    static let upstream = "http://127.0.0.1:8000"

    struct Row: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let environment: [String: String]
        let message: String
        var testDescription: String { self.message }

        /// Adds a valid upstream flag, unless the row is about the upstream.
        init(_ arguments: [String], _ message: String) {
            self.init(arguments, [:], message)
        }

        init(_ arguments: [String], _ environment: [String: String], _ message: String) {
            let aboutUpstream =
                arguments.contains("--upstream") || environment["TRACEPROXY_UPSTREAM"] != nil
                || message.contains("upstream is required")
            self.arguments = aboutUpstream ? arguments : ["--upstream", ConfigurationErrorTests.upstream] + arguments
            self.environment = environment
            self.message = message
        }
    }

    static let listenExpected = "(expected e.g. 127.0.0.1:7800, :7800 or [::1]:7800)"
    static let exporters = "console, otlp, jaeger, zipkin, datadog, none"
    static let durationExpected = "(expected e.g. 250ms, 5s, 2m)"
    static let headerRange =
        "is out of range (expected 1024 to 81920 bytes, i.e. 1KiB to 80KiB: the HTTP decoder caps request heads at 80 KiB)"

    static let rows: [Row] = [
        Row(["--listen", "abc"], #"--listen: "abc" is not HOST:PORT \#(listenExpected)"#),
        Row([], ["TRACEPROXY_LISTEN": "abc"], #"TRACEPROXY_LISTEN: "abc" is not HOST:PORT \#(listenExpected)"#),
        Row(
            [], ["TRACEPROXY_LISTEN": "host:70000"],
            #"TRACEPROXY_LISTEN: "host:70000" has port 70000 out of range (expected 0 to 65535)"#),
        Row(
            ["--listen", "::1:80"],
            #"--listen: "::1:80" needs brackets around the IPv6 address (expected e.g. [::1]:7800)"#),
        Row([], "--upstream is required (or set TRACEPROXY_UPSTREAM)"),
        Row([], ["TRACEPROXY_UPSTREAM": ""], "--upstream is required (or set TRACEPROXY_UPSTREAM)"),
        Row(
            ["--upstream", "localhost:8000"],
            #"--upstream: "localhost:8000" is not an http:// or https:// URL (expected e.g. http://127.0.0.1:8000)"#),
        Row(
            [], ["TRACEPROXY_UPSTREAM": "ftp://x"],
            #"TRACEPROXY_UPSTREAM: "ftp://x" is not an http:// or https:// URL (expected e.g. http://127.0.0.1:8000)"#),
        Row(
            ["--upstream", "http://:80"], #"--upstream: "http://:80" has no host (expected e.g. http://127.0.0.1:8000)"#
        ),
        Row(["--upstream", "http://h:0"], #"--upstream: "http://h:0" has an invalid port (expected 1 to 65535)"#),
        Row(
            [], ["TRACEPROXY_UPSTREAM": "http://h/?a=1"],
            #"TRACEPROXY_UPSTREAM: "http://h/?a=1" must not have a query or fragment"#),
        Row(
            ["--upstream", "http://u:p@h"],
            #"--upstream: "http://u:p@h" must not contain user info (user@ or user:password@)"#),
        Row(
            ["--upstream", "http://a b"],
            #"--upstream: "http://a b" has an invalid host (expected a name, an IPv4 address or [IPv6])"#),
        Row(
            ["--upstream", "http://::1"],
            #"--upstream: "http://::1" needs brackets around the IPv6 address (expected e.g. http://[::1]:8000)"#),
        Row(
            ["--upstream", "http://h/a b"],
            #"--upstream: "http://h/a b" has an invalid character in its path (escape it as %XX)"#),
        Row(["--service-name", ""], #"--service-name: "" is empty (expected a service name)"#),
        Row(
            [], ["OTEL_TRACES_EXPORTER": "kafka"],
            #"OTEL_TRACES_EXPORTER: "kafka" names an unsupported exporter "kafka" (supported: \#(exporters))"#),
        Row(
            ["--exporter", "none,console"],
            #"--exporter: "none,console" combines none with other exporters (none must stand alone)"#),
        Row(
            ["--exporter", "console,"],
            #"--exporter: "console," has an empty exporter name (supported: \#(exporters))"#),
        Row(["--console-output", ""], #"--console-output: "" is empty (expected a file path, or - for stdout)"#),
        Row(["--connect-timeout", "5x"], #"--connect-timeout: "5x" is not a duration \#(durationExpected)"#),
        Row(
            [], ["TRACEPROXY_CONNECT_TIMEOUT": "5x"],
            #"TRACEPROXY_CONNECT_TIMEOUT: "5x" is not a duration \#(durationExpected)"#),
        Row(["--upstream-timeout", "0s"], #"--upstream-timeout: "0s" must be greater than 0 \#(durationExpected)"#),
        Row(
            [], ["TRACEPROXY_UPSTREAM_TIMEOUT": "1 m"],
            #"TRACEPROXY_UPSTREAM_TIMEOUT: "1 m" is not a duration \#(durationExpected)"#),
        Row(["--header-timeout=-1s"], #"--header-timeout: "-1s" is not a duration \#(durationExpected)"#),
        Row(
            [], ["TRACEPROXY_HEADER_TIMEOUT": "0"],
            #"TRACEPROXY_HEADER_TIMEOUT: "0" must be greater than 0 \#(durationExpected)"#),
        Row(["--idle-timeout", "0ms"], #"--idle-timeout: "0ms" must be greater than 0 \#(durationExpected)"#),
        Row(
            [], ["TRACEPROXY_IDLE_TIMEOUT": "forever"],
            #"TRACEPROXY_IDLE_TIMEOUT: "forever" is not a duration \#(durationExpected)"#),
        Row(["--drain-timeout=-1s"], #"--drain-timeout: "-1s" is not a duration \#(durationExpected)"#),
        Row(
            [], ["TRACEPROXY_DRAIN_TIMEOUT": "10000000000s"],
            #"TRACEPROXY_DRAIN_TIMEOUT: "10000000000s" is too large for a duration"#),
        Row(["--max-header-bytes", "100KiB"], #"--max-header-bytes: "100KiB" \#(headerRange)"#),
        Row([], ["TRACEPROXY_MAX_HEADER_BYTES": "1023"], #"TRACEPROXY_MAX_HEADER_BYTES: "1023" \#(headerRange)"#),
        Row(
            [], ["TRACEPROXY_MAX_HEADER_BYTES": "64kb"],
            #"TRACEPROXY_MAX_HEADER_BYTES: "64kb" is not a size in bytes (expected e.g. 32768, 32KiB or 1MiB)"#),
        Row(["--max-connections", "0"], #"--max-connections: "0" must be at least 1"#),
        Row(
            [], ["TRACEPROXY_MAX_CONNECTIONS": "many"],
            #"TRACEPROXY_MAX_CONNECTIONS: "many" is not a whole number (expected e.g. 1024)"#),
        Row(
            [], ["TRACEPROXY_REWRITE_HOST": "maybe"],
            #"TRACEPROXY_REWRITE_HOST: "maybe" is not a boolean (expected true, false, 1, 0, yes or no)"#),
        Row(
            [], ["TRACEPROXY_ACCESS_LOG": "on"],
            #"TRACEPROXY_ACCESS_LOG: "on" is not a boolean (expected true, false, 1, 0, yes or no)"#),
        Row(
            ["--log-level", "verbose"],
            #"--log-level: "verbose" is not a log level (expected trace, debug, info, notice, warning, error or critical)"#
        ),
        Row(
            [], ["TRACEPROXY_LOG_LEVEL": "warn"],
            #"TRACEPROXY_LOG_LEVEL: "warn" is not a log level (expected trace, debug, info, notice, warning, error or critical)"#
        ),
        Row([], ["TRACEPROXY_LISTEN": "a\nb"], #"TRACEPROXY_LISTEN: "a\nb" is not HOST:PORT \#(listenExpected)"#),
    ] + Self.tracingRows + Self.adminAndStoreRows + Self.exportRows

    @Test(arguments: Self.rows)
    func namesTheSourceTheValueAndWhatWasExpected(row: Row) throws {
        let options = try RunOptions.parse(row.arguments)

        let error = #expect(throws: ConfigurationError.self) { try options.resolve(environment: row.environment) }

        #expect(error?.description == row.message)
        #expect(error?.messages == [row.message])
        #expect(error?.description.contains("\n") == false)
    }

    @Test func reportsEveryProblemOnOneLineInOptionOrder() throws {
        let options = try RunOptions.parse(["--max-connections", "0", "--listen", "abc"])

        let error = #expect(throws: ConfigurationError.self) {
            try options.resolve(environment: ["TRACEPROXY_LOG_LEVEL": "loud", "TRACEPROXY_CONNECT_TIMEOUT": "5x"])
        }

        #expect(
            error?.messages == [
                #"--listen: "abc" is not HOST:PORT \#(Self.listenExpected)"#,
                "--upstream is required (or set TRACEPROXY_UPSTREAM)",
                #"TRACEPROXY_CONNECT_TIMEOUT: "5x" is not a duration \#(Self.durationExpected)"#,
                #"--max-connections: "0" must be at least 1"#,
                #"TRACEPROXY_LOG_LEVEL: "loud" is not a log level (expected trace, debug, info, notice, warning, error or critical)"#,
            ]
        )
        #expect(error?.description == error?.messages.joined(separator: "; "))
        #expect(error?.description.contains("\n") == false)
    }

    @Test func exitsWithTheUsageStatus() {
        #expect(ConfigurationError.exitCode == 2)
    }

    @Test func everyDefaultParses() throws {
        let options = try RunOptions.parse(["--upstream", Self.upstream])

        #expect(throws: Never.self) { try options.resolve(environment: [:]) }
    }
}
