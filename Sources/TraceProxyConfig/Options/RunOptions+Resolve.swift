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
        // After the flag and OTEL_SERVICE_NAME: service.name in OTEL_RESOURCE_ATTRIBUTES, then DD_SERVICE.
        let serviceNameFallbacks = [
            ExportEnvironment.resourceServiceName(settings).map {
                SettingResolver.Raw(source: EnvironmentKey.resourceAttributes.rawValue, text: $0)
            },
            settings.variable(.datadogService).map {
                SettingResolver.Raw(source: EnvironmentKey.datadogService.rawValue, text: $0)
            },
        ].compactMap { $0 }
        let serviceName = settings.value(.serviceName, flag: self.serviceName, fallbacks: serviceNameFallbacks) {
            text throws(ParseFailure) in
            guard !text.isEmpty else { throw ParseFailure("is empty (expected a service name)") }
            return text
        }
        let exporters = settings.value(.exporter, flag: self.exporter, parse: ExporterListParser.parse)
        // The variables `--help` lists under --exporter.
        let generalExport = ExportEnvironment.general(&settings)
        let consoleOutput = settings.value(.consoleOutput, flag: self.consoleOutput) {
            text throws(ParseFailure) -> String? in
            guard !text.isEmpty else { throw ParseFailure("is empty (expected a file path, or - for stdout)") }
            return text == "-" ? nil : text
        }
        let otlp = ExportEnvironment.otlp(&settings, flag: self.otlpEndpoint)
        let datadog = ExportEnvironment.datadog(&settings, flag: self.datadogAgentURL, serviceName: serviceName)
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

        let tracing = self.resolveTracing(&settings)
        let adminAndStore = self.resolveAdminAndStore(&settings)

        // Every value is nil exactly when a problem was recorded for it.
        guard settings.problems.isEmpty, let listen, let upstream, let serviceName, let exporters,
            let consoleOutput, let generalExport, let otlp, let datadog, let connectTimeout, let upstreamTimeout,
            let headerTimeout, let idleTimeout, let drainTimeout, let maxHeaderBytes, let maxConnections,
            let rewriteHost, let accessLog, let logLevel, let tracing, let adminAndStore
        else {
            throw ConfigurationError(combining: settings.problems)
        }
        let export = ExportSettings(
            otlpTracesEndpoint: otlp.endpoint,
            otlpProtocol: otlp.protocol,
            otlpHeaders: otlp.headers,
            otlpCompression: otlp.compression,
            otlpTimeout: otlp.timeout,
            jaegerAgentHost: generalExport.jaegerAgentHost,
            jaegerAgentPort: generalExport.jaegerAgentPort,
            jaegerEndpoint: generalExport.jaegerEndpoint,
            zipkinEndpoint: generalExport.zipkinEndpoint,
            datadogAgentURL: datadog.agentURL,
            datadogService: datadog.service,
            datadogEnv: datadog.env,
            datadogVersion: datadog.version,
            batch: generalExport.batch,
            resourceAttributes: generalExport.resourceAttributes
        )
        return TraceProxyConfiguration(
            listen: listen,
            upstream: upstream,
            serviceName: serviceName,
            exporters: exporters,
            consoleOutput: consoleOutput,
            export: export,
            connectTimeout: connectTimeout,
            upstreamTimeout: upstreamTimeout,
            headerTimeout: headerTimeout,
            idleTimeout: idleTimeout,
            drainTimeout: drainTimeout,
            maxHeaderBytes: maxHeaderBytes,
            maxConnections: maxConnections,
            rewriteHost: rewriteHost,
            accessLog: accessLog,
            logLevel: logLevel,
            propagators: tracing.propagators,
            sampler: tracing.sampler,
            maxTracesPerSecond: tracing.maxTracesPerSecond,
            keepErrors: tracing.keepErrors,
            keepSlowerThan: tracing.keepSlowerThan,
            routes: tracing.routes,
            openAPIPath: tracing.openAPIPath,
            captureRequestHeaders: tracing.captureRequestHeaders,
            captureResponseHeaders: tracing.captureResponseHeaders,
            redactHeaders: tracing.redactHeaders,
            redactQueryParams: tracing.redactQueryParams,
            traceProbes: tracing.traceProbes,
            healthPaths: tracing.healthPaths,
            clientSpans: tracing.clientSpans,
            traceResponse: tracing.traceResponse,
            admin: adminAndStore.admin,
            adminPublic: adminAndStore.adminPublic,
            storeSpans: adminAndStore.storeSpans ?? StoreSize.automatic(exporting: exporters.contains { $0 != .console }),
            traceLinkTemplate: adminAndStore.traceLinkTemplate
        )
    }
}
