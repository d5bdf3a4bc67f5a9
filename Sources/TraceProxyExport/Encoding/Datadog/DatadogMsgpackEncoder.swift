import NIOCore
import TraceProxyTraceContext
import TraceProxyTracing

/// Encodes `/v0.4/traces` for the Datadog agent (WIRE-FORMATS 3.1, 3.4): a msgpack array of
/// chunks, one per trace id, each an array of span maps with all twelve keys.
package struct DatadogMsgpackEncoder: SpanEncoder {
    /// The Swift language version this was compiled with, for `Datadog-Meta-Lang-Version`.
    package static let swiftLanguageVersion: String = {
        #if swift(>=6.4)
        "6.4"
        #elseif swift(>=6.3)
        "6.3"
        #elseif swift(>=6.2)
        "6.2"
        #else
        "6.1"
        #endif
    }()

    /// Meta keys this encoder derives; span attributes with these keys are left out so keys stay unique.
    static let derivedMetaKeys: Set<String> = ["span.kind", "env", "version", "language", "_dd.p.tid", "error.message"]
    /// Metric keys this encoder derives.
    static let derivedMetricKeys: Set<String> = ["_sampling_priority_v1", "_dd.top_level", "_dd.measured"]
    /// OTel semantic-convention attributes copied under the key Datadog's UI and agent look for.
    static let metaAliases: [(attribute: String, datadogKey: String)] = [
        ("http.request.method", "http.method"),
        ("http.response.status_code", "http.status_code"),
        ("url.full", "http.url"),
        ("user_agent.original", "http.useragent"),
    ]

    package var contentType: String { "application/msgpack" }
    package var tracerVersion: String
    package var languageVersion: String

    package init(
        tracerVersion: String = Resource.traceproxyVersion,
        languageVersion: String = DatadogMsgpackEncoder.swiftLanguageVersion
    ) {
        self.tracerVersion = tracerVersion
        self.languageVersion = languageVersion
    }

    /// Request headers for a payload of `traceCount` chunks (`DatadogTraceChunk.count`), WIRE-FORMATS 3.3.
    /// `Content-Length` is left to the transport.
    package func headers(traceCount: Int) -> [(name: String, value: String)] {
        [
            ("Content-Type", self.contentType),
            ("X-Datadog-Trace-Count", String(traceCount)),
            ("Datadog-Meta-Lang", "swift"),
            ("Datadog-Meta-Lang-Version", self.languageVersion),
            ("Datadog-Meta-Lang-Interpreter", "swift"),
            ("Datadog-Meta-Tracer-Version", self.tracerVersion),
            // We mark top-level spans ourselves with `_dd.top_level`.
            ("Datadog-Client-Computed-Top-Level", "true"),
        ]
    }

    package func encode(_ spans: some Collection<FinishedSpan>, resource: Resource, into buffer: inout ByteBuffer) {
        var writer = MessagePackWriter()
        swap(&writer.buffer, &buffer)
        defer { swap(&writer.buffer, &buffer) }

        let chunks = DatadogTraceChunk.group(spans)
        writer.writeArrayHeader(count: chunks.count)
        let environment = resource.environment
        let version = resource.serviceVersion
        for chunk in chunks {
            writer.writeArrayHeader(count: chunk.spans.count)
            for (index, span) in chunk.spans.enumerated() {
                let context = SpanContext(
                    isFirstInChunk: index == 0,
                    isLocalRoot: chunk.isLocalRoot(span),
                    environment: environment,
                    version: version
                )
                Self.writeSpan(span, service: resource.serviceName, context: context, to: &writer)
            }
        }
    }

    /// What a span's tags depend on beyond the span itself.
    private struct SpanContext {
        var isFirstInChunk: Bool
        var isLocalRoot: Bool
        var environment: String?
        var version: String?
    }

    private static func writeSpan(
        _ span: FinishedSpan,
        service: String,
        context: SpanContext,
        to writer: inout MessagePackWriter
    ) {
        writer.writeMapHeader(count: 12)
        writer.writeString("trace_id")
        writer.writeUInt(span.traceID.low)  // the high half travels in `_dd.p.tid`
        writer.writeString("span_id")
        writer.writeUInt(span.spanID.value)
        writer.writeString("parent_id")
        writer.writeUInt(span.parentSpanID?.value ?? 0)
        writer.writeString("name")
        writer.writeString(span.datadogOperationName)
        writer.writeString("resource")
        writer.writeString(span.name.isEmpty ? span.datadogOperationName : span.name)
        writer.writeString("service")
        writer.writeString(service)
        writer.writeString("type")
        writer.writeString(span.datadogSpanType)
        writer.writeString("start")
        writer.writeInt(Int64(clamping: span.startTimeUnixNano))
        writer.writeString("duration")
        writer.writeInt(Int64(clamping: span.durationNanoseconds))
        writer.writeString("error")
        writer.writeUInt(span.status.isError ? 1 : 0)

        var metaCount = 0
        Self.visitMeta(span, context: context) { _, _ in metaCount += 1 }
        writer.writeString("meta")
        writer.writeMapHeader(count: metaCount)
        Self.visitMeta(span, context: context) { key, value in
            writer.writeString(key)
            writer.writeString(value)
        }

        var metricCount = 0
        Self.visitMetrics(span, context: context) { _, _ in metricCount += 1 }
        writer.writeString("metrics")
        writer.writeMapHeader(count: metricCount)
        Self.visitMetrics(span, context: context) { key, value in
            writer.writeString(key)
            writer.writeDouble(value)
        }
    }

    /// Every `meta` entry of `span`, in output order; called once to count and once to write.
    private static func visitMeta(_ span: FinishedSpan, context: SpanContext, _ visit: (String, String) -> Void) {
        for attribute in span.attributes where !Self.derivedMetaKeys.contains(attribute.key) {
            switch attribute.value {
            case .string(let value): visit(attribute.key, value)
            case .bool(let value): visit(attribute.key, value ? "true" : "false")
            case .int, .double: continue
            }
        }
        for alias in Self.metaAliases where span.attributes[alias.datadogKey] == nil {
            if let value = span.attributes[alias.attribute] { visit(alias.datadogKey, value.description) }
        }
        visit("span.kind", span.kind.name)
        if let environment = context.environment { visit("env", environment) }
        if let version = context.version { visit("version", version) }
        if context.isLocalRoot { visit("language", "swift") }
        // dd-trace tags the chunk's first span; the backend rebuilds the 128-bit id from it (WIRE-FORMATS 3.4).
        if context.isFirstInChunk && span.traceID.high != 0 { visit("_dd.p.tid", Hex.string(span.traceID.high)) }
        if case .error(let message) = span.status, !message.isEmpty { visit("error.message", message) }
    }

    /// Every `metrics` entry of `span`, in output order; called once to count and once to write.
    private static func visitMetrics(_ span: FinishedSpan, context: SpanContext, _ visit: (String, Double) -> Void) {
        for attribute in span.attributes where !Self.derivedMetricKeys.contains(attribute.key) {
            switch attribute.value {
            case .int(let value): visit(attribute.key, Double(value))
            case .double(let value): visit(attribute.key, value)
            case .string, .bool: continue
            }
        }
        if context.isLocalRoot {
            // AUTO_KEEP or AUTO_REJECT, from the W3C sampled flag (WIRE-FORMATS 3.4).
            visit("_sampling_priority_v1", span.traceFlags.isSampled ? 1 : 0)
            visit("_dd.top_level", 1)
        }
        // Outgoing calls get their own stats in the agent, as ddtrace's HTTP client integrations do.
        if span.kind == .client { visit("_dd.measured", 1) }
    }
}
