extension RunOptions {
    /// Accepted `--max-header-bytes`: NIO's HTTP/1 decoder refuses request heads over 80 KiB,
    /// so a larger limit could never take effect.
    static let maxHeaderBytesRange = 1024...81920

    /// Combines these flags with `environment` and the defaults into one validated configuration.
    ///
    /// A flag wins over its variable, which wins over the default. Every
    /// setting is checked, and all problems are thrown together.
    package func resolve(environment: [String: String]) throws(ConfigurationError) -> TraceProxyConfiguration {
        var settings = SettingResolver(environment: environment)

        let listen = settings.value(.listen, flag: self.listen, parse: HostPortParser.parse)
        let upstream = settings.value(.upstream, flag: self.upstream, parse: UpstreamURLParser.parse)
        let serviceName = settings.value(.serviceName, flag: self.serviceName) { text throws(ParseFailure) in
            guard !text.isEmpty else { throw ParseFailure("is empty (expected a service name)") }
            return text
        }
        let exporters = settings.value(.exporter, flag: self.exporter, parse: ExporterListParser.parse)
        let consoleOutput = settings.value(.consoleOutput, flag: self.consoleOutput) {
            text throws(ParseFailure) -> String? in
            guard !text.isEmpty else { throw ParseFailure("is empty (expected a file path, or - for stdout)") }
            return text == "-" ? nil : text
        }
        let connectTimeout = settings.value(.connectTimeout, flag: self.connectTimeout) { text throws(ParseFailure) in
            try DurationParser.parse(text)
        }
        let upstreamTimeout = settings.value(.upstreamTimeout, flag: self.upstreamTimeout) {
            text throws(ParseFailure) in try DurationParser.parse(text)
        }
        let headerTimeout = settings.value(.headerTimeout, flag: self.headerTimeout) { text throws(ParseFailure) in
            try DurationParser.parse(text)
        }
        let idleTimeout = settings.value(.idleTimeout, flag: self.idleTimeout) { text throws(ParseFailure) in
            try DurationParser.parse(text)
        }
        // Zero is a meaningful drain: close at once on shutdown.
        let drainTimeout = settings.value(.drainTimeout, flag: self.drainTimeout) { text throws(ParseFailure) in
            try DurationParser.parse(text, allowingZero: true)
        }
        let maxHeaderBytes = settings.value(.maxHeaderBytes, flag: self.maxHeaderBytes) { text throws(ParseFailure) in
            let bytes = try ByteSizeParser.parse(text)
            guard Self.maxHeaderBytesRange.contains(bytes) else {
                throw ParseFailure(
                    "is out of range (expected 1024 to 81920 bytes, i.e. 1KiB to 80KiB: "
                        + "the HTTP decoder caps request heads at 80 KiB)"
                )
            }
            return bytes
        }
        let maxConnections = settings.value(.maxConnections, flag: self.maxConnections) { text throws(ParseFailure) in
            try WholeNumberParser.parse(text, atLeast: 1, example: 1024)
        }
        let rewriteHost = settings.value(.rewriteHost, flag: self.rewriteHost)
        let accessLog = settings.value(.accessLog, flag: self.accessLog)
        let logLevel = settings.value(.logLevel, flag: self.logLevel) { text throws(ParseFailure) in
            // Accept `INFO` too: level names are commonly written in capitals in deployment files.
            guard let level = LogLevel(rawValue: text.lowercased()) else {
                let levels = LogLevel.allCases.map(\.rawValue)
                throw ParseFailure(
                    "is not a log level (expected \(levels.dropLast().joined(separator: ", ")) or \(levels.last ?? ""))"
                )
            }
            return level
        }

        // Every value is nil exactly when a problem was recorded for it.
        guard settings.problems.isEmpty, let listen, let upstream, let serviceName, let exporters,
            let consoleOutput, let connectTimeout, let upstreamTimeout, let headerTimeout, let idleTimeout,
            let drainTimeout, let maxHeaderBytes, let maxConnections, let rewriteHost, let accessLog, let logLevel
        else {
            throw ConfigurationError(combining: settings.problems)
        }
        return TraceProxyConfiguration(
            listen: listen,
            upstream: upstream,
            serviceName: serviceName,
            exporters: exporters,
            consoleOutput: consoleOutput,
            connectTimeout: connectTimeout,
            upstreamTimeout: upstreamTimeout,
            headerTimeout: headerTimeout,
            idleTimeout: idleTimeout,
            drainTimeout: drainTimeout,
            maxHeaderBytes: maxHeaderBytes,
            maxConnections: maxConnections,
            rewriteHost: rewriteHost,
            accessLog: accessLog,
            logLevel: logLevel
        )
    }
}
