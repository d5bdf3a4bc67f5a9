/// A span exporter this build can run.
///
/// The cases are the one list of accepted `--exporter` / `OTEL_TRACES_EXPORTER`
/// names (plus the keyword `none`, which means an empty list). Where each sends
/// is in `ExportSettings`.
package enum ExporterName: String, CaseIterable, Sendable {
    /// Writes finished spans as text to `--console-output`.
    case console
    /// OTLP over HTTP (protobuf or JSON) or gRPC to `ExportSettings.otlpTracesEndpoint`.
    case otlp
    /// Jaeger: UDP to the agent, or HTTP to `ExportSettings.jaegerEndpoint` when set.
    case jaeger
    /// Zipkin JSON v2 to `ExportSettings.zipkinEndpoint`.
    case zipkin
    /// The Datadog agent's trace API at `ExportSettings.datadogAgentURL`.
    case datadog
}
