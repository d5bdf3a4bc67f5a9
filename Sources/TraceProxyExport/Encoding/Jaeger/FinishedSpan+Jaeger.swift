import TraceProxyTraceContext
import TraceProxyTracing

/// The Thrift structs of `jaeger.thrift` (WIRE-FORMATS 2.1), written through either protocol.
enum JaegerThriftStructs {
    /// Tags we derive from the span (`span.kind`, `error`, `otel.status_code`, `otel.status_description`,
    /// `otel.scope.name`, `otel.scope.version`); an attribute with one of these keys is left out so keys stay
    /// unique. Checked per attribute per span, so by length and literal rather than by hashing into a set.
    static func isDerivedTagKey(_ key: String) -> Bool {
        switch key.utf8.count {
        case 5: key == "error"
        case 9: key == "span.kind"
        case 15: key == "otel.scope.name"
        case 16: key == "otel.status_code"
        case 18: key == "otel.scope.version"
        case 23: key == "otel.status_description"
        default: false
        }
    }

    static func writeBatch<W: ThriftWriter>(
        _ spans: some Collection<FinishedSpan>,
        resource: Resource,
        to writer: inout W
    ) {
        writer.writeStructBegin()
        writer.writeFieldBegin(.struct, id: 1)
        Self.writeProcess(resource, to: &writer)
        writer.writeFieldBegin(.list, id: 2)
        writer.writeListBegin(.struct, count: spans.count)
        for span in spans {
            Self.writeSpan(span, resource: resource, to: &writer)
        }
        writer.writeStructEnd()
    }

    /// `Process`: the service name, and the other resource attributes as process tags.
    static func writeProcess<W: ThriftWriter>(_ resource: Resource, to writer: inout W) {
        writer.writeStructBegin()
        writer.writeFieldBegin(.string, id: 1)
        writer.writeString(resource.serviceName)
        let tagCount = resource.attributes.count { $0.key != "service.name" }
        if tagCount > 0 {
            writer.writeFieldBegin(.list, id: 2)
            writer.writeListBegin(.struct, count: tagCount)
            for attribute in resource.attributes where attribute.key != "service.name" {
                Self.writeTag(key: attribute.key, attribute.value, to: &writer)
            }
        }
        writer.writeStructEnd()
    }

    static func writeSpan<W: ThriftWriter>(_ span: FinishedSpan, resource: Resource, to writer: inout W) {
        writer.writeStructBegin()
        // Thrift has no unsigned types: ids travel as the i64 with the same bit pattern.
        writer.writeFieldBegin(.i64, id: 1)
        writer.writeI64(Int64(bitPattern: span.traceID.low))
        writer.writeFieldBegin(.i64, id: 2)
        writer.writeI64(Int64(bitPattern: span.traceID.high))
        writer.writeFieldBegin(.i64, id: 3)
        writer.writeI64(Int64(bitPattern: span.spanID.value))
        writer.writeFieldBegin(.i64, id: 4)
        writer.writeI64(Int64(bitPattern: span.parentSpanID?.value ?? 0))
        writer.writeFieldBegin(.string, id: 5)
        writer.writeString(span.name)
        // Only the sampled bit: Jaeger's 0x2 means "debug", whereas W3C's 0x2 means "random trace id".
        writer.writeFieldBegin(.i32, id: 7)
        writer.writeI32(span.traceFlags.isSampled ? 1 : 0)
        writer.writeFieldBegin(.i64, id: 8)
        writer.writeI64(Int64(clamping: span.startTimeUnixNano / 1000))
        writer.writeFieldBegin(.i64, id: 9)
        writer.writeI64(Int64(clamping: span.durationMicroseconds))

        let statusDescription: String? =
            if case .error(let message) = span.status, !message.isEmpty { message } else { nil }
        var tagCount = span.attributes.count { !Self.isDerivedTagKey($0.key) } + 2
        if span.kind != .internal { tagCount += 1 }
        if span.status != .unset { tagCount += 1 }
        if span.status.isError { tagCount += 1 }
        if statusDescription != nil { tagCount += 1 }
        writer.writeFieldBegin(.list, id: 10)
        writer.writeListBegin(.struct, count: tagCount)
        for attribute in span.attributes where !Self.isDerivedTagKey(attribute.key) {
            Self.writeTag(key: attribute.key, attribute.value, to: &writer)
        }
        if span.kind != .internal { Self.writeTag(key: "span.kind", .string(span.kind.name), to: &writer) }
        switch span.status {
        case .unset: break
        case .ok: Self.writeTag(key: "otel.status_code", .string("OK"), to: &writer)
        case .error:
            Self.writeTag(key: "otel.status_code", .string("ERROR"), to: &writer)
            Self.writeTag(key: "error", .bool(true), to: &writer)
        }
        if let statusDescription {
            Self.writeTag(key: "otel.status_description", .string(statusDescription), to: &writer)
        }
        Self.writeTag(key: "otel.scope.name", .string(resource.scopeName), to: &writer)
        Self.writeTag(key: "otel.scope.version", .string(resource.scopeVersion), to: &writer)
        writer.writeStructEnd()
    }

    /// `Tag`: key, `vType`, and the one `v*` field matching it.
    static func writeTag<W: ThriftWriter>(key: String, _ value: SpanAttribute.Value, to writer: inout W) {
        writer.writeStructBegin()
        writer.writeFieldBegin(.string, id: 1)
        writer.writeString(key)
        writer.writeFieldBegin(.i32, id: 2)
        switch value {
        case .string(let string):
            writer.writeI32(0)
            writer.writeFieldBegin(.string, id: 3)
            writer.writeString(string)
        case .double(let double):
            writer.writeI32(1)
            writer.writeFieldBegin(.double, id: 4)
            writer.writeDouble(double)
        case .bool(let bool):
            writer.writeI32(2)
            writer.writeBoolField(id: 5, bool)
        case .int(let int):
            writer.writeI32(3)
            writer.writeFieldBegin(.i64, id: 6)
            writer.writeI64(int)
        }
        writer.writeStructEnd()
    }
}

extension FinishedSpan {
    /// Duration rounded up to whole microseconds, so a span never shrinks to nothing on µs backends.
    package var durationMicroseconds: UInt64 {
        let nanoseconds = self.durationNanoseconds
        return nanoseconds / 1000 + (nanoseconds % 1000 == 0 ? 0 : 1)
    }
}
