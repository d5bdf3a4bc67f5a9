import TraceProxyStore
import TraceProxyTraceContext
import TraceProxyTracing

/// `/api/traces` (recent spans, filtered) and `/api/traces/<trace_id>` (one trace's spans).
struct TracesEndpoint: Sendable {
    let store: TraceStore

    /// Largest `limit` accepted: the list is for a page, not an export.
    static let maxLimit = 1000

    func list(_ query: QueryParameters) -> AdminResponse {
        var filter = TraceQuery()
        filter.route = query["route"]
        if let status = query["status"] {
            guard let parsed = TraceQuery.StatusFilter(rawValue: status) else {
                return .jsonError(400, "status must be 2xx, 3xx, 4xx, 5xx or error")
            }
            filter.status = parsed
        }
        if let minimum = query["min_ms"] {
            guard let parsed = Double(minimum), parsed.isFinite, parsed >= 0 else {
                return .jsonError(400, "min_ms must be a non-negative number")
            }
            filter.minDurationMilliseconds = parsed
        }
        filter.traceIDPrefix = query["trace_id"]?.lowercased()
        if let limit = query["limit"] {
            guard let parsed = Int(limit), parsed >= 1 else { return .jsonError(400, "limit must be a positive integer") }
            filter.limit = min(parsed, Self.maxLimit)
        }

        let spans = self.store.spans(matching: filter)
        var json = JSONWriter(capacity: 64 + spans.count * 256)
        json.beginObject()
        json.key("traces")
        json.beginArray()
        for stored in spans {
            json.beginObject()
            json.field("trace_id", stored.span.traceID.hexString)
            json.field("span_id", stored.span.spanID.hexString)
            json.field("name", stored.span.name)
            json.field("route", stored.route.displayName)
            json.field("method", stored.route.method)
            json.field("status_code", stored.statusCode)
            json.field("error", stored.isError)
            json.field("duration_ms", Double(stored.span.durationNanoseconds) / 1e6, decimals: 3)
            json.field("start_unix_ms", stored.span.startTimeUnixNano / 1_000_000)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return .json(200, json)
    }

    func trace(id text: Substring, linkTemplate: String?) -> AdminResponse {
        guard let id = TraceID(hex: text.lowercased()) else { return .jsonError(404, "unknown trace") }
        let spans = self.store.trace(id)
        guard !spans.isEmpty else { return .jsonError(404, "unknown trace") }
        var json = JSONWriter(capacity: 256 + spans.count * 768)
        json.beginObject()
        json.field("trace_id", id.hexString)
        json.key("spans")
        json.beginArray()
        for stored in spans {
            Self.write(stored.span, to: &json)
        }
        json.endArray()
        json.field("link", linkTemplate.map { Self.link($0, traceID: id.hexString) })
        json.endObject()
        return .json(200, json)
    }

    private static func write(_ span: FinishedSpan, to json: inout JSONWriter) {
        json.beginObject()
        json.field("span_id", span.spanID.hexString)
        json.field("parent_span_id", span.parentSpanID?.hexString)
        json.field("name", span.name)
        json.field("kind", span.kind.name)
        // Decimal strings: unix nanoseconds exceed the 2^53 integers JavaScript numbers hold exactly.
        json.field("start_unix_ns", String(span.startTimeUnixNano))
        json.field("end_unix_ns", String(span.endTimeUnixNano))
        json.field("duration_ms", Double(span.durationNanoseconds) / 1e6, decimals: 3)
        switch span.status {
        case .unset:
            json.field("status", "unset")
            json.field("status_message", String?.none)
        case .ok:
            json.field("status", "ok")
            json.field("status_message", String?.none)
        case .error(let message):
            json.field("status", "error")
            json.field("status_message", message.isEmpty ? nil : message)
        }
        json.key("attributes")
        json.beginObject()
        for attribute in span.attributes {
            json.key(attribute.key)
            switch attribute.value {
            case .string(let value): json.string(value)
            case .int(let value): json.integer(value)
            case .double(let value): json.number(value, decimals: 6)
            case .bool(let value): json.bool(value)
            }
        }
        json.endObject()
        json.endObject()
    }

    /// Every `{trace_id}` in the template replaced by the id.
    static func link(_ template: String, traceID: String) -> String {
        var result = ""
        var rest = Substring(template)
        while let range = rest.firstRange(of: "{trace_id}") {
            result += rest[..<range.lowerBound]
            result += traceID
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
