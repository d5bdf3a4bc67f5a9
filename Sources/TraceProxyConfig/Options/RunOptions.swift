import ArgumentParser

/// The proxy's command-line flags, as raw text.
///
/// Every property is optional so that "not given" can be told apart from
/// "given", which lets the environment fill the gaps; `resolve(environment:)`
/// does all parsing and validation so that errors read the same whether a
/// value came from a flag or a variable.
package struct RunOptions: ParsableArguments {
    @Option(name: .customLong(Setting.listen.longName), help: Setting.listen.help)
    package var listen: String?

    @Option(name: .customLong(Setting.upstream.longName), help: Setting.upstream.help)
    package var upstream: String?

    @Option(name: .customLong(Setting.serviceName.longName), help: Setting.serviceName.help)
    package var serviceName: String?

    @Option(name: .customLong(Setting.exporter.longName), help: Setting.exporter.help)
    package var exporter: String?

    @Option(name: .customLong(Setting.consoleOutput.longName), help: Setting.consoleOutput.help)
    package var consoleOutput: String?

    @Option(name: .customLong(Setting.connectTimeout.longName), help: Setting.connectTimeout.help)
    package var connectTimeout: String?

    @Option(name: .customLong(Setting.upstreamTimeout.longName), help: Setting.upstreamTimeout.help)
    package var upstreamTimeout: String?

    @Option(name: .customLong(Setting.headerTimeout.longName), help: Setting.headerTimeout.help)
    package var headerTimeout: String?

    @Option(name: .customLong(Setting.idleTimeout.longName), help: Setting.idleTimeout.help)
    package var idleTimeout: String?

    @Option(name: .customLong(Setting.drainTimeout.longName), help: Setting.drainTimeout.help)
    package var drainTimeout: String?

    @Option(name: .customLong(Setting.maxHeaderBytes.longName), help: Setting.maxHeaderBytes.help)
    package var maxHeaderBytes: String?

    @Option(name: .customLong(Setting.maxConnections.longName), help: Setting.maxConnections.help)
    package var maxConnections: String?

    // `--no-rewrite-host` exists so a flag can switch off what the environment switched on.
    @Flag(name: .customLong(Setting.rewriteHost.longName), inversion: .prefixedNo, help: Setting.rewriteHost.help)
    package var rewriteHost: Bool?

    @Flag(name: .customLong(Setting.accessLog.longName), inversion: .prefixedNo, help: Setting.accessLog.help)
    package var accessLog: Bool?

    @Option(name: .customLong(Setting.logLevel.longName), help: Setting.logLevel.help)
    package var logLevel: String?

    package init() {}
}
