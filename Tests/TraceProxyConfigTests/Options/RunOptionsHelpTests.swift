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
        let origin = setting.defaultValue.map { "default: \($0)" } ?? "required"

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
    ])
    func showsTheseExactly(text: String) {
        #expect(Self.help.contains(text))
    }

    @Test func everyVariableBelongsToExactlyOneOption() {
        let keys = Setting.allCases.map(\.environmentKey)

        #expect(Set(keys) == Set(EnvironmentKey.allCases))
        #expect(keys.count == EnvironmentKey.allCases.count)
    }
}
