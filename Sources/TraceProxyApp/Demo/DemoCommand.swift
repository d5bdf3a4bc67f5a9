import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import TraceProxyConfig

/// `traceproxy demo [--rate N] [options]`: a built-in demo upstream, the proxy in front of it with
/// the embedded store and dashboard, and gentle synthetic traffic — one command for a first look.
enum DemoCommand {
    static let usage = "usage: traceproxy demo [--rate REQUESTS_PER_SECOND] [traceproxy options except --upstream]"

    static func run(arguments: [String], environment: [String: String]) async -> Int32 {
        var arguments = arguments
        var rate = 8.0
        if let index = arguments.firstIndex(of: "--rate") {
            guard index + 1 < arguments.count, let value = Double(arguments[index + 1]), value > 0, value <= 1000 else {
                TraceProxyMain.printError("--rate: expected a number of requests per second between 0 and 1000")
                return ConfigurationError.exitCode
            }
            rate = value
            arguments.removeSubrange(index...(index + 1))
        }
        if arguments.contains("--upstream") || arguments.contains(where: { $0.hasPrefix("--upstream=") }) {
            TraceProxyMain.printError("demo runs its own upstream; " + Self.usage)
            return ConfigurationError.exitCode
        }

        let group = MultiThreadedEventLoopGroup.singleton
        let upstream: DemoUpstream
        do {
            upstream = try await DemoUpstream.start(group: group)
        } catch {
            TraceProxyMain.printError("cannot start the demo upstream: \(error)")
            return 1
        }
        defer { Task { await upstream.stop() } }

        var environment = environment
        // The demo is about the embedded dashboard: no exporter unless one is asked for explicitly.
        environment["TRACEPROXY_UPSTREAM"] = nil
        let demoArguments = ["--upstream", "http://127.0.0.1:\(upstream.port)", "--service-name", "demo-shop"] + arguments
        let requestsPerSecond = rate
        let status = await TraceProxyMain.serve(arguments: demoArguments, environment: environment) { proxyAddress, group, client in
            [
                DemoTraffic(
                    proxyAddress: proxyAddress,
                    requestsPerSecond: requestsPerSecond,
                    client: client,
                    eventLoop: group.any(),
                    logger: Logger(label: "traceproxy.demo")
                )
            ]
        }
        await upstream.stop()
        return status
    }
}
