import TraceProxyConfig
import TraceProxyTracing
import TraceProxyExport

/// The resources exported spans carry: one for the OpenTelemetry-style backends, one for Datadog.
///
/// Both hold `service.name`, the `OTEL_RESOURCE_ATTRIBUTES` pairs, one `service.instance.id` for the
/// process and `telemetry.sdk.*`. Datadog's names its service `DD_SERVICE` and adds `DD_ENV` and
/// `DD_VERSION`, which its encoder turns into the `env` and `version` tags.
struct ExportResources {
    var standard: Resource
    var datadog: Resource

    init(configuration: TraceProxyConfiguration, instanceID: String) {
        let export = configuration.export
        let attributes = export.resourceAttributes.map { SpanAttribute.string($0.0, $0.1) }
        self.standard = Resource(
            serviceName: configuration.serviceName, instanceID: instanceID, additionalAttributes: attributes
        )
        self.datadog = Resource(
            serviceName: export.datadogService,
            serviceVersion: export.datadogVersion,
            environment: export.datadogEnv,
            instanceID: instanceID,
            additionalAttributes: attributes
        )
    }
}
