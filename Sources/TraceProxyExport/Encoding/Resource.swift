import TraceProxyTracing

/// The process that produced the spans: OTel resource attributes plus the instrumentation scope.
///
/// Attributes keep their order, start with `service.name` and have unique keys
/// (OTLP leaves duplicates undefined, see WIRE-FORMATS 1.2).
package struct Resource: Sendable, Hashable {
    /// This build's version, reported as `telemetry.sdk.version` and as the scope version.
    package static let traceproxyVersion = "0.1.0"

    package var serviceName: String
    package var attributes: [SpanAttribute]
    package var scopeName: String
    package var scopeVersion: String

    /// Builds the standard attribute list; `additionalAttributes` whose key is already present are ignored.
    package init(
        serviceName: String,
        serviceVersion: String? = nil,
        environment: String? = nil,
        instanceID: String,
        sdkVersion: String = Resource.traceproxyVersion,
        additionalAttributes: [SpanAttribute] = []
    ) {
        var attributes: [SpanAttribute] = [.string("service.name", serviceName)]
        if let serviceVersion { attributes.append(.string("service.version", serviceVersion)) }
        if let environment { attributes.append(.string("deployment.environment.name", environment)) }
        attributes.append(.string("service.instance.id", instanceID))
        attributes.append(.string("telemetry.sdk.name", "traceproxy"))
        attributes.append(.string("telemetry.sdk.language", "swift"))
        attributes.append(.string("telemetry.sdk.version", sdkVersion))
        for attribute in additionalAttributes where attributes[attribute.key] == nil {
            attributes.append(attribute)
        }
        self.serviceName = serviceName
        self.attributes = attributes
        self.scopeName = "traceproxy"
        self.scopeVersion = sdkVersion
    }

    /// `deployment.environment.name`, or the older `deployment.environment`, when it is a string.
    package var environment: String? {
        self.stringAttribute("deployment.environment.name") ?? self.stringAttribute("deployment.environment")
    }

    /// `service.version` when it is a string.
    package var serviceVersion: String? { self.stringAttribute("service.version") }

    private func stringAttribute(_ key: String) -> String? {
        if case .string(let value) = self.attributes[key] { return value }
        return nil
    }
}
