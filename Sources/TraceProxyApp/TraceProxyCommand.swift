import ArgumentParser
import TraceProxyConfig
import TraceProxyExport

/// `traceproxy [options]`: every option is in `RunOptions`, each with its environment variable.
package struct TraceProxyCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "traceproxy",
        abstract: "A reverse-proxy sidecar that traces an unmodified HTTP service.",
        discussion: """
            Forwards every request to --upstream through libcurl, joins or starts a W3C trace, injects \
            traceparent into the forwarded request and records one span per request.
            Flags override environment variables, which override the defaults.
            `traceproxy demo [--rate N] [options]` starts a built-in demo service with traffic, \
            the proxy in front of it and the embedded dashboard.
            """,
        version: Resource.traceproxyVersion
    )

    @OptionGroup package var options: RunOptions

    package init() {}
}
