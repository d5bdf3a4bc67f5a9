import NIOCore
import TraceProxyTraceContext
import TraceProxyTracing

/// Encodes an OTLP `ExportTraceServiceRequest` as OTLP/JSON (WIRE-FORMATS 1.4): lowerCamelCase
/// keys, hex ids, integer enums, 64-bit integers as decimal strings.
package struct OTLPJSONEncoder: SpanEncoder {
    package var contentType: String { "application/json" }

    package init() {}

    package func encode(_ spans: some Collection<FinishedSpan>, resource: Resource, into buffer: inout ByteBuffer) {
        var writer = JSONWriter()
        swap(&writer.buffer, &buffer)
        defer { swap(&writer.buffer, &buffer) }

        // No empty envelopes (WIRE-FORMATS 1.2): an empty batch is an empty request object.
        guard !spans.isEmpty else {
            writer.writeRaw("{}")
            return
        }
        writer.writeRaw(#"{"resourceSpans":[{"resource":{"attributes":"#)
        Self.writeAttributes(resource.attributes, to: &writer)
        writer.writeRaw(#"},"scopeSpans":[{"scope":{"name":"#)
        writer.writeString(resource.scopeName)
        writer.writeRaw(#","version":"#)
        writer.writeString(resource.scopeVersion)
        writer.writeRaw(#"},"spans":["#)
        var first = true
        for span in spans {
            if !first { writer.writeByte(UInt8(ascii: ",")) }
            first = false
            Self.writeSpan(span, to: &writer)
        }
        writer.writeRaw("]}]}]}")
    }

    private static func writeSpan(_ span: FinishedSpan, to writer: inout JSONWriter) {
        writer.writeRaw(#"{"traceId":"#)
        writer.writeQuotedHex(span.traceID)
        writer.writeRaw(#","spanId":"#)
        writer.writeQuotedHex(span.spanID)
        if !span.traceState.isEmpty {
            writer.writeRaw(#","traceState":"#)
            writer.writeString(span.traceState)
        }
        if let parent = span.parentSpanID {
            writer.writeRaw(#","parentSpanId":"#)
            writer.writeQuotedHex(parent)
        }
        writer.writeRaw(#","flags":"#)
        writer.writeUInt(UInt64(span.otlpFlags))
        writer.writeRaw(#","name":"#)
        writer.writeString(span.name)
        writer.writeRaw(#","kind":"#)
        writer.writeUInt(UInt64(span.kind.rawValue))
        writer.writeRaw(#","startTimeUnixNano":"#)
        writer.writeQuotedUInt(span.startTimeUnixNano)
        writer.writeRaw(#","endTimeUnixNano":"#)
        writer.writeQuotedUInt(span.endTimeUnixNano)
        writer.writeRaw(#","attributes":"#)
        Self.writeAttributes(span.attributes, to: &writer)
        switch span.status {
        case .unset:
            break
        case .ok:
            writer.writeRaw(#","status":{"code":1}"#)
        case .error(let message):
            writer.writeRaw(#","status":{"#)
            if !message.isEmpty {
                writer.writeRaw(#""message":"#)
                writer.writeString(message)
                writer.writeByte(UInt8(ascii: ","))
            }
            writer.writeRaw(#""code":2}"#)
        }
        writer.writeByte(UInt8(ascii: "}"))
    }

    private static func writeAttributes(_ attributes: [SpanAttribute], to writer: inout JSONWriter) {
        writer.writeByte(UInt8(ascii: "["))
        for (index, attribute) in attributes.enumerated() {
            if index > 0 { writer.writeByte(UInt8(ascii: ",")) }
            writer.writeRaw(#"{"key":"#)
            writer.writeString(attribute.key)
            switch attribute.value {
            case .string(let string):
                writer.writeRaw(#","value":{"stringValue":"#)
                writer.writeString(string)
            case .bool(let bool):
                writer.writeRaw(#","value":{"boolValue":"#)
                writer.writeBool(bool)
            case .int(let int):
                writer.writeRaw(#","value":{"intValue":"#)
                writer.writeQuotedInt(int)
            case .double(let double):
                writer.writeRaw(#","value":{"doubleValue":"#)
                writer.writeDouble(double)
            }
            writer.writeRaw("}}")
        }
        writer.writeByte(UInt8(ascii: "]"))
    }
}
