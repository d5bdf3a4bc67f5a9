import TraceProxyTracing

extension RunOptions {
    /// The tracing options (issue 3), resolved as the others are.
    struct Tracing {
        var propagators: [PropagatorName]
        var sampler: SamplerSelection
        var maxTracesPerSecond: Double?
        var keepErrors: Bool
        var keepSlowerThan: Duration?
        var routes: [String]
        var openAPIPath: String?
        var captureRequestHeaders: [String]
        var captureResponseHeaders: [String]
        var redactHeaders: [String]
        var redactQueryParams: [String]
        var traceProbes: Bool
        var healthPaths: [String]
        var clientSpans: Bool
        var traceResponse: Bool
    }

    /// The admin server and span store options (issue 5).
    struct AdminAndStore {
        var admin: SocketAddressSpec?
        var adminPublic: Bool
        /// `nil`: `auto`.
        var storeSpans: Int?
        var traceLinkTemplate: String?
    }

    /// `nil` after recording at least one problem.
    func resolveTracing(_ settings: inout SettingResolver) -> Tracing? {
        let propagators = settings.value(.propagators, flag: self.propagators, parse: TracingParsers.propagators)
        let sampler = Self.resolveSampler(&settings, name: self.sampler, argument: self.samplerArg)
        let maxTracesPerSecond = settings.value(
            .maxTracesPerSecond, flag: self.maxTracesPerSecond, parse: TracingParsers.rate)
        let keepErrors = settings.value(.keepErrors, flag: self.keepErrors)
        let keepSlowerThan = settings.value(
            .keepSlowerThan, flag: self.keepSlowerThan, parse: TracingParsers.durationOrOff)
        let routes = settings.listValue(.route, flags: self.routes, parseItem: TracingParsers.route)
        let openAPIPath = settings.value(.openAPIPath, flag: self.openAPIPath, parse: TracingParsers.pathOrOff)
        let captureRequestHeaders = settings.listValue(
            .captureRequestHeader, flags: self.captureRequestHeaders, parseItem: HeaderNameParser.parse)
        let captureResponseHeaders = settings.listValue(
            .captureResponseHeader, flags: self.captureResponseHeaders, parseItem: HeaderNameParser.parse)
        let redactHeaders = settings.listValue(
            .redactHeader, flags: self.redactHeaders, parseItem: HeaderNameParser.parse)
        let redactQueryParams = settings.listValue(
            .redactQueryParam, flags: self.redactQueryParams, parseItem: TracingParsers.queryParameterName)
        let traceProbes = settings.value(.traceProbes, flag: self.traceProbes)
        let healthPaths = settings.listValue(.healthPath, flags: self.healthPaths, parseItem: TracingParsers.path)
        let clientSpans = settings.value(.clientSpans, flag: self.clientSpans)
        let traceResponse = settings.value(.traceResponse, flag: self.traceResponse)

        guard let propagators, let sampler, let maxTracesPerSecond, let keepErrors, let keepSlowerThan, let routes,
            let openAPIPath, let captureRequestHeaders, let captureResponseHeaders, let redactHeaders,
            let redactQueryParams, let traceProbes, let healthPaths, let clientSpans, let traceResponse
        else { return nil }
        var allRedactedHeaders = TraceProxyConfiguration.alwaysRedactedHeaders
        allRedactedHeaders += redactHeaders.filter { !allRedactedHeaders.contains($0) }
        return Tracing(
            propagators: propagators, sampler: sampler, maxTracesPerSecond: maxTracesPerSecond,
            keepErrors: keepErrors, keepSlowerThan: keepSlowerThan, routes: routes, openAPIPath: openAPIPath,
            captureRequestHeaders: captureRequestHeaders, captureResponseHeaders: captureResponseHeaders,
            redactHeaders: allRedactedHeaders, redactQueryParams: redactQueryParams, traceProbes: traceProbes,
            healthPaths: healthPaths, clientSpans: clientSpans, traceResponse: traceResponse)
    }

    /// `--sampler` and `--sampler-arg` through `SamplerSelection(sampler:argument:)`; its errors are
    /// reported against whichever of the two (flag or variable) supplied the refused text.
    static func resolveSampler(
        _ settings: inout SettingResolver, name: String?, argument: String?
    ) -> SamplerSelection? {
        guard let nameRaw = settings.raw(.sampler, flag: name) else { return nil }
        let argumentRaw = settings.raw(.samplerArg, flag: argument)
        // SamplerSelection reads a blank name as the default; a given blank name is a mistake.
        guard nameRaw.text.contains(where: { !$0.isWhitespace }) else {
            settings.reject(nameRaw, TracingParsers.unknownSampler)
            return nil
        }
        if let argumentRaw, !argumentRaw.text.contains(where: { !$0.isWhitespace }) {
            settings.reject(argumentRaw, TracingParsers.notARatio)
            return nil
        }
        do {
            return try SamplerSelection(sampler: nameRaw.text, argument: argumentRaw?.text)
        } catch {
            if let argumentRaw, error == .invalidRatio(error.value) {
                settings.reject(argumentRaw, TracingParsers.notARatio)
            } else {
                settings.reject(nameRaw, TracingParsers.unknownSampler)
            }
            return nil
        }
    }

    /// `nil` after recording at least one problem.
    func resolveAdminAndStore(_ settings: inout SettingResolver) -> AdminAndStore? {
        let adminRaw = settings.raw(.admin, flag: self.admin)
        let admin = adminRaw.flatMap { settings.parse($0, AdminParsers.addressOrOff) }
        let adminPublic = settings.value(.adminPublic, flag: self.adminPublic)
        var adminAllowed = true
        if let adminRaw, let address = admin ?? nil, adminPublic == false, !AdminParsers.isLoopback(address.host) {
            settings.reject(adminRaw, AdminParsers.notLoopback)
            adminAllowed = false
        }
        let storeSpans = settings.value(.storeSpans, flag: self.storeSpans, parse: AdminParsers.storeSpans)
        let traceLinkTemplate = settings.optionalValue(
            .traceLinkTemplate, flag: self.traceLinkTemplate, parse: AdminParsers.traceLinkTemplate)

        guard adminAllowed, let admin, let adminPublic, let storeSpans, let traceLinkTemplate else { return nil }
        return AdminAndStore(
            admin: admin, adminPublic: adminPublic, storeSpans: storeSpans, traceLinkTemplate: traceLinkTemplate)
    }
}
