import NIOCore
import TraceProxyTraceContext
import TraceProxyTracing

/// Encodes a Zipkin v2 JSON span array (WIRE-FORMATS 4.2, openzipkin/zipkin-api `zipkin2-api.yaml`)
/// for `POST /api/v2/spans`.
package struct ZipkinJSONEncoder: SpanEncoder {
    /// Tags this encoder derives (`error`, `otel.status_code`, `otel.scope.name`, `otel.scope.version`);
    /// attributes with these keys are left out so keys stay unique. Checked per attribute per span, so by
    /// length and literal rather than by hashing into a set.
    static func isDerivedTagKey(_ key: String) -> Bool {
        switch key.utf8.count {
        case 5: key == "error"
        case 15: key == "otel.scope.name"
        case 16: key == "otel.status_code"
        case 18: key == "otel.scope.version"
        default: false
        }
    }

    package var contentType: String { "application/json" }

    package init() {}

    package func encode(_ spans: some Collection<FinishedSpan>, resource: Resource, into buffer: inout ByteBuffer) {
        var writer = JSONWriter()
        swap(&writer.buffer, &buffer)
        defer { swap(&writer.buffer, &buffer) }

        let serviceName = resource.serviceName.lowercased()
        writer.writeByte(UInt8(ascii: "["))
        var first = true
        for span in spans {
            if !first { writer.writeByte(UInt8(ascii: ",")) }
            first = false
            Self.writeSpan(span, serviceName: serviceName, resource: resource, to: &writer)
        }
        writer.writeByte(UInt8(ascii: "]"))
    }

    private static func writeSpan(
        _ span: FinishedSpan,
        serviceName: String,
        resource: Resource,
        to writer: inout JSONWriter
    ) {
        // Always the 32-character form: our ids are W3C 128-bit ids.
        writer.writeRaw(#"{"traceId":"#)
        writer.writeQuotedHex(span.traceID)
        writer.writeRaw(#","id":"#)
        writer.writeQuotedHex(span.spanID)
        if let parent = span.parentSpanID {
            writer.writeRaw(#","parentId":"#)
            writer.writeQuotedHex(parent)
        }
        // Absent kind means a local span.
        switch span.kind {
        case .internal: break
        case .server: writer.writeRaw(#","kind":"SERVER""#)
        case .client: writer.writeRaw(#","kind":"CLIENT""#)
        case .producer: writer.writeRaw(#","kind":"PRODUCER""#)
        case .consumer: writer.writeRaw(#","kind":"CONSUMER""#)
        }
        writer.writeRaw(#","name":"#)
        writer.writeString(span.name)
        writer.writeRaw(#","timestamp":"#)
        writer.writeUInt(span.startTimeUnixNano / 1000)
        writer.writeRaw(#","duration":"#)
        writer.writeUInt(max(1, span.durationMicroseconds))  // zipkin2-api: at least 1 µs
        writer.writeRaw(#","localEndpoint":{"serviceName":"#)
        writer.writeString(serviceName)
        writer.writeByte(UInt8(ascii: "}"))
        if let remote = ZipkinRemoteEndpoint(span) {
            writer.writeRaw(#","remoteEndpoint":"#)
            remote.write(to: &writer)
        }
        writer.writeRaw(#","tags":{"#)
        var firstTag = true
        func tag(_ key: String, _ value: String) {
            if !firstTag { writer.writeByte(UInt8(ascii: ",")) }
            firstTag = false
            writer.writeString(key)
            writer.writeByte(UInt8(ascii: ":"))
            writer.writeString(value)
        }
        for attribute in span.attributes where !Self.isDerivedTagKey(attribute.key) {
            tag(attribute.key, attribute.value.description)  // Zipkin tags are strings only
        }
        switch span.status {
        case .unset: break
        case .ok: tag("otel.status_code", "OK")
        case .error(let message):
            tag("otel.status_code", "ERROR")
            tag("error", message)  // the message, possibly empty, is the tag value
        }
        tag("otel.scope.name", resource.scopeName)
        tag("otel.scope.version", resource.scopeVersion)
        writer.writeRaw("}}")
    }
}
