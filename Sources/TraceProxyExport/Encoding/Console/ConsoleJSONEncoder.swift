import NIOCore
import TraceProxyTraceContext
import TraceProxyTracing

/// One JSON object per span per line (NDJSON), for the console exporter and `jq`.
///
/// Times are JSON numbers in nanoseconds; `parentSpanId` is null for a root; attribute values
/// keep their type.
package struct ConsoleJSONEncoder: SpanEncoder {
    package var contentType: String { "application/x-ndjson" }

    package init() {}

    package func encode(_ spans: some Collection<FinishedSpan>, resource: Resource, into buffer: inout ByteBuffer) {
        var writer = JSONWriter()
        swap(&writer.buffer, &buffer)
        defer { swap(&writer.buffer, &buffer) }
        for span in spans {
            Self.writeSpan(span, resource: resource, to: &writer)
            writer.writeByte(UInt8(ascii: "\n"))
        }
    }

    private static func writeSpan(_ span: FinishedSpan, resource: Resource, to writer: inout JSONWriter) {
        writer.writeRaw(#"{"traceId":"#)
        writer.writeQuotedHex(span.traceID)
        writer.writeRaw(#","spanId":"#)
        writer.writeQuotedHex(span.spanID)
        writer.writeRaw(#","parentSpanId":"#)
        if let parent = span.parentSpanID { writer.writeQuotedHex(parent) } else { writer.writeNull() }
        writer.writeRaw(#","name":"#)
        writer.writeString(span.name)
        writer.writeRaw(#","kind":"#)
        writer.writeString(span.kind.name)
        writer.writeRaw(#","startTimeUnixNano":"#)
        writer.writeUInt(span.startTimeUnixNano)
        writer.writeRaw(#","endTimeUnixNano":"#)
        writer.writeUInt(span.endTimeUnixNano)
        writer.writeRaw(#","durationNs":"#)
        writer.writeUInt(span.durationNanoseconds)
        writer.writeRaw(#","status":{"code":"#)
        switch span.status {
        case .unset: writer.writeRaw(#""unset"}"#)
        case .ok: writer.writeRaw(#""ok"}"#)
        case .error(let message):
            writer.writeRaw(#""error","message":"#)
            writer.writeString(message)
            writer.writeByte(UInt8(ascii: "}"))
        }
        writer.writeRaw(#","traceState":"#)
        writer.writeString(span.traceState)
        writer.writeRaw(#","flags":"#)
        writer.writeUInt(UInt64(span.traceFlags.rawValue))
        writer.writeRaw(#","attributes":{"#)
        for (index, attribute) in span.attributes.enumerated() {
            if index > 0 { writer.writeByte(UInt8(ascii: ",")) }
            writer.writeString(attribute.key)
            writer.writeByte(UInt8(ascii: ":"))
            switch attribute.value {
            case .string(let value): writer.writeString(value)
            case .int(let value): writer.writeInt(value)
            case .double(let value): writer.writeDouble(value)
            case .bool(let value): writer.writeBool(value)
            }
        }
        writer.writeRaw(#"},"service":"#)
        writer.writeString(resource.serviceName)
        writer.writeByte(UInt8(ascii: "}"))
    }
}
