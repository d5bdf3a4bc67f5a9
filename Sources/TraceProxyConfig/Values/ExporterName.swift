/// A span exporter this build can run.
///
/// The cases are the one list of accepted `--exporter` / `OTEL_TRACES_EXPORTER`
/// names (plus the keyword `none`, which means an empty list). Adding a backend
/// (`otlp`, `jaeger`, `zipkin`, `datadog`) means adding a case here.
package enum ExporterName: String, CaseIterable, Sendable {
    /// Writes finished spans as text to `--console-output`.
    case console
}
