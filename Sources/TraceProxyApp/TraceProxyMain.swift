import ArgumentParser
import Logging
import TraceProxyConfig

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Turns a command line and an environment into a running proxy, and every failure into
/// one line on standard error and an exit status: 2 for a bad setting, 1 for a failure at start.
package enum TraceProxyMain {
    package static func main(arguments: [String], environment: [String: String]) async -> Int32 {
        if arguments.first == "demo" {
            return await DemoCommand.run(arguments: Array(arguments.dropFirst()), environment: environment)
        }
        return await Self.serve(arguments: arguments, environment: environment, companions: nil)
    }

    /// Parses, validates and runs the proxy (with `companions` beside it, for the demo).
    static func serve(
        arguments: [String],
        environment: [String: String],
        companions: TraceProxy.Companions?
    ) async -> Int32 {
        let command: TraceProxyCommand
        do {
            command = try TraceProxyCommand.parse(arguments)
        } catch {
            let code = TraceProxyCommand.exitCode(for: error)
            if code == .success {
                print(TraceProxyCommand.fullMessage(for: error))
                return 0
            }
            let message = TraceProxyCommand.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            Self.printError(message)
            return ConfigurationError.exitCode
        }

        let configuration: TraceProxyConfiguration
        do {
            configuration = try command.options.resolve(environment: environment)
        } catch {
            Self.printError(error.description)
            return ConfigurationError.exitCode
        }

        let level = Logger.Level(rawValue: configuration.logLevel.rawValue) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }

        do {
            try await TraceProxy(configuration: configuration, environment: environment, companions: companions).run()
            return 0
        } catch let error as StartupError {
            Self.printError(error.description)
            return 1
        } catch {
            Self.printError("\(error)")
            return 1
        }
    }

    static func printError(_ message: String) {
        var line = "traceproxy: " + message + "\n"
        line.withUTF8 { bytes in _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
    }
}
