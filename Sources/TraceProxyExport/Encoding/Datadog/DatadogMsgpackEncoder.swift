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
        let plan = SpanPlan(span, context: context)
        let operation = span.datadogOperationName
        let resource = span.name.isEmpty ? operation : span.name
        let fixed =
            160 + service.utf8.count + operation.utf8.count + resource.utf8.count + span.datadogSpanType.utf8.count
        writer.writeReserved(maxBytes: fixed + plan.maxExtraBytes) { cursor in
            cursor.writeMapHeader(count: 12)
            cursor.writeString("trace_id")
            cursor.writeUInt(span.traceID.low)  // the high half travels in `_dd.p.tid`
            cursor.writeString("span_id")
            cursor.writeUInt(span.spanID.value)
            cursor.writeString("parent_id")
            cursor.writeUInt(span.parentSpanID?.value ?? 0)
            cursor.writeString("name")
            cursor.writeString(operation)
            cursor.writeString("resource")
            cursor.writeString(resource)
            cursor.writeString("service")
            cursor.writeString(service)
            cursor.writeString("type")
            cursor.writeString(span.datadogSpanType)
            cursor.writeString("start")
            cursor.writeInt(Int64(clamping: span.startTimeUnixNano))
            cursor.writeString("duration")
            cursor.writeInt(Int64(clamping: span.durationNanoseconds))
            cursor.writeString("error")
            cursor.writeUInt(span.status.isError ? 1 : 0)
            cursor.writeString("meta")
            cursor.writeMapHeader(count: plan.metaCount)
            Self.writeMeta(span, plan: plan, context: context, to: &cursor)
            cursor.writeString("metrics")
            cursor.writeMapHeader(count: plan.metricCount)
            Self.writeMetrics(span, plan: plan, context: context, to: &cursor)
        }
    }

    /// What one pass over a span's attributes tells the writer: how many `meta` and `metrics` entries there
    /// are, which attributes are left out, which aliases apply, and how much room it all takes at most.
    /// Keys are told apart by length and bytes: hashing them per attribute per span once cost more than
    /// everything else in the encoder.
    private struct SpanPlan {
        var metaCount = 0
        var metricCount = 0
        var maxExtraBytes = 0
        /// Per `metaAliases` entry: the index of the attribute to copy, when it applies.
        var aliasSources: (Int?, Int?, Int?, Int?) = (nil, nil, nil, nil)

        init(_ span: FinishedSpan, context: SpanContext) {
            var present: (Bool, Bool, Bool, Bool) = (false, false, false, false)  // the Datadog keys already set
            var sources: (Int?, Int?, Int?, Int?) = (nil, nil, nil, nil)
            for (index, attribute) in span.attributes.enumerated() {
                let key = attribute.key
                self.maxExtraBytes += key.utf8.count + 5 + MessagePackCursor.maxScalarSize
                switch attribute.value {
                case .string(let value):
                    self.maxExtraBytes += value.utf8.count + 5
                    if !DatadogMsgpackEncoder.isDerivedMetaKey(key) { self.metaCount += 1 }
                case .bool:
                    if !DatadogMsgpackEncoder.isDerivedMetaKey(key) { self.metaCount += 1 }
                case .int, .double:
                    if !DatadogMsgpackEncoder.isDerivedMetricKey(key) { self.metricCount += 1 }
                }
                switch key.utf8.count {
                case 8:
                    if key == "url.full" { sources.2 = sources.2 ?? index }
                    if key == "http.url" { present.2 = true }
                case 11 where key == "http.method": present.0 = true
                case 14 where key == "http.useragent": present.3 = true
                case 16 where key == "http.status_code": present.1 = true
                case 19:
                    if key == "http.request.method" { sources.0 = sources.0 ?? index }
                    if key == "user_agent.original" { sources.3 = sources.3 ?? index }
                case 25 where key == "http.response.status_code": sources.1 = sources.1 ?? index
                default: break
                }
            }
            self.aliasSources = (
                present.0 ? nil : sources.0, present.1 ? nil : sources.1, present.2 ? nil : sources.2,
                present.3 ? nil : sources.3
            )
            for source in [self.aliasSources.0, self.aliasSources.1, self.aliasSources.2, self.aliasSources.3] {
                guard let source else { continue }
                self.metaCount += 1
                // The alias key is at most 16 bytes; the value is the source's text (a number as decimal digits).
                var valueBytes = 24  // a number or bool as text
                if case .string(let text) = span.attributes[source].value { valueBytes = text.utf8.count }
                self.maxExtraBytes += 16 + 5 + 5 + valueBytes
            }
            // span.kind, env, version, language, _dd.p.tid, error.message
            self.metaCount += 1
            if let environment = context.environment {
                self.metaCount += 1
                self.maxExtraBytes += environment.utf8.count + 16
            }
            if let version = context.version {
                self.metaCount += 1
                self.maxExtraBytes += version.utf8.count + 16
            }
            if context.isLocalRoot { self.metaCount += 1 }
            if context.isFirstInChunk && span.traceID.high != 0 { self.metaCount += 1 }
            if case .error(let message) = span.status, !message.isEmpty {
                self.metaCount += 1
                self.maxExtraBytes += message.utf8.count + 24
            }
            self.maxExtraBytes += 128  // the fixed meta keys and values above and the derived metrics
            if context.isLocalRoot { self.metricCount += 2 }
            if span.kind == .client { self.metricCount += 1 }
        }
    }

    /// Every `meta` entry of `span`, in order: string and bool attributes, aliases, then the derived tags.
    private static func writeMeta(_ span: FinishedSpan, plan: SpanPlan, context: SpanContext, to cursor: inout MessagePackCursor) {
        for attribute in span.attributes where !Self.isDerivedMetaKey(attribute.key) {
            switch attribute.value {
            case .string(let value):
                cursor.writeString(attribute.key)
                cursor.writeString(value)
            case .bool(let value):
                cursor.writeString(attribute.key)
                cursor.writeString(value ? "true" : "false")
            case .int, .double:
                continue
            }
        }
        let sources = [plan.aliasSources.0, plan.aliasSources.1, plan.aliasSources.2, plan.aliasSources.3]
        for (alias, source) in zip(Self.metaAliases, sources) {
            guard let source else { continue }
            cursor.writeString(alias.datadogKey)
            cursor.writeString(span.attributes[source].value.description)
        }
        cursor.writeString("span.kind")
        cursor.writeString(span.kind.name)
        if let environment = context.environment {
            cursor.writeString("env")
            cursor.writeString(environment)
        }
        if let version = context.version {
            cursor.writeString("version")
            cursor.writeString(version)
        }
        if context.isLocalRoot {
            cursor.writeString("language")
            cursor.writeString("swift")
        }
        // dd-trace tags the chunk's first span; the backend rebuilds the 128-bit id from it (WIRE-FORMATS 3.4).
        if context.isFirstInChunk && span.traceID.high != 0 {
            cursor.writeString("_dd.p.tid")
            cursor.writeString(Hex.string(span.traceID.high))
        }
        if case .error(let message) = span.status, !message.isEmpty {
            cursor.writeString("error.message")
            cursor.writeString(message)
        }
    }

    /// Every `metrics` entry of `span`, in order: number attributes, then the derived metrics.
    private static func writeMetrics(
        _ span: FinishedSpan,
        plan: SpanPlan,
        context: SpanContext,
        to cursor: inout MessagePackCursor
    ) {
        for attribute in span.attributes where !Self.isDerivedMetricKey(attribute.key) {
            switch attribute.value {
            case .int(let value):
                cursor.writeString(attribute.key)
                cursor.writeDouble(Double(value))
            case .double(let value):
                cursor.writeString(attribute.key)
                cursor.writeDouble(value)
            case .string, .bool:
                continue
            }
        }
        if context.isLocalRoot {
            // AUTO_KEEP or AUTO_REJECT, from the W3C sampled flag (WIRE-FORMATS 3.4).
            cursor.writeString("_sampling_priority_v1")
            cursor.writeDouble(span.traceFlags.isSampled ? 1 : 0)
            cursor.writeString("_dd.top_level")
            cursor.writeDouble(1)
        }
        // Outgoing calls get their own stats in the agent, as ddtrace's HTTP client integrations do.
        if span.kind == .client {
            cursor.writeString("_dd.measured")
            cursor.writeDouble(1)
        }
    }

    /// Meta keys this encoder derives (`span.kind`, `env`, `version`, `language`, `_dd.p.tid`, `error.message`);
    /// span attributes with these keys are left out so keys stay unique.
    static func isDerivedMetaKey(_ key: String) -> Bool {
        switch key.utf8.count {
        case 3: key == "env"
        case 7: key == "version"
        case 8: key == "language"
        case 9: key == "span.kind" || key == "_dd.p.tid"
        case 13: key == "error.message"
        default: false
        }
    }

    /// Metric keys this encoder derives (`_sampling_priority_v1`, `_dd.top_level`, `_dd.measured`).
    static func isDerivedMetricKey(_ key: String) -> Bool {
        switch key.utf8.count {
        case 21: key == "_sampling_priority_v1"
        case 13: key == "_dd.top_level"
        case 12: key == "_dd.measured"
        default: false
        }
    }
}
