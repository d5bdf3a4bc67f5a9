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

    @Option(name: .customLong(Setting.otlpEndpoint.longName), help: Setting.otlpEndpoint.help)
    package var otlpEndpoint: String?

    @Option(name: .customLong(Setting.datadogAgentURL.longName), help: Setting.datadogAgentURL.help)
    package var datadogAgentURL: String?

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

    // Tracing.

    @Option(name: .customLong(Setting.propagators.longName), help: Setting.propagators.help)
    package var propagators: String?

    @Option(name: .customLong(Setting.sampler.longName), help: Setting.sampler.help)
    package var sampler: String?

    @Option(name: .customLong(Setting.samplerArg.longName), help: Setting.samplerArg.help)
    package var samplerArg: String?

    @Option(name: .customLong(Setting.maxTracesPerSecond.longName), help: Setting.maxTracesPerSecond.help)
    package var maxTracesPerSecond: String?

    @Flag(name: .customLong(Setting.keepErrors.longName), inversion: .prefixedNo, help: Setting.keepErrors.help)
    package var keepErrors: Bool?

    @Option(name: .customLong(Setting.keepSlowerThan.longName), help: Setting.keepSlowerThan.help)
    package var keepSlowerThan: String?

    // Repeatable: every occurrence, in order; empty means "not given".
    @Option(name: .customLong(Setting.route.longName), help: Setting.route.help)
    package var routes: [String] = []

    @Option(name: .customLong(Setting.openAPIPath.longName), help: Setting.openAPIPath.help)
    package var openAPIPath: String?

    @Option(name: .customLong(Setting.captureRequestHeader.longName), help: Setting.captureRequestHeader.help)
    package var captureRequestHeaders: [String] = []

    @Option(name: .customLong(Setting.captureResponseHeader.longName), help: Setting.captureResponseHeader.help)
    package var captureResponseHeaders: [String] = []

    @Option(name: .customLong(Setting.redactHeader.longName), help: Setting.redactHeader.help)
    package var redactHeaders: [String] = []

    @Option(name: .customLong(Setting.redactQueryParam.longName), help: Setting.redactQueryParam.help)
    package var redactQueryParams: [String] = []

    @Flag(name: .customLong(Setting.traceProbes.longName), inversion: .prefixedNo, help: Setting.traceProbes.help)
    package var traceProbes: Bool?

    @Option(name: .customLong(Setting.healthPath.longName), help: Setting.healthPath.help)
    package var healthPaths: [String] = []

    @Flag(name: .customLong(Setting.clientSpans.longName), inversion: .prefixedNo, help: Setting.clientSpans.help)
    package var clientSpans: Bool?

    @Flag(
        name: .customLong(Setting.traceResponse.longName), inversion: .prefixedNo, help: Setting.traceResponse.help)
    package var traceResponse: Bool?

    // Admin server and span store.

    @Option(name: .customLong(Setting.admin.longName), help: Setting.admin.help)
    package var admin: String?

    @Flag(name: .customLong(Setting.adminPublic.longName), inversion: .prefixedNo, help: Setting.adminPublic.help)
    package var adminPublic: Bool?

    @Option(name: .customLong(Setting.storeSpans.longName), help: Setting.storeSpans.help)
    package var storeSpans: String?

    @Option(name: .customLong(Setting.traceLinkTemplate.longName), help: Setting.traceLinkTemplate.help)
    package var traceLinkTemplate: String?

    package init() {}
}
