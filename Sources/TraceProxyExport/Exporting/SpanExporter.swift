import TraceProxyTracing

/// Sends one batch of spans to one backend. Called by `BatchSpanProcessor`, never on an event loop.
package protocol SpanExporter: Sendable {
    /// A short name for logs and metrics (`otlp`, `console`, ...).
    var name: String { get }
    func export(_ batch: [FinishedSpan]) async throws(ExportError)
    /// Releases connections and files.
    func shutdown() async
}
