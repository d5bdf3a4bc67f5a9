import NIOCore
import TraceProxyTraceContext
import TraceProxyTracing

/// Encodes an OTLP `ExportTraceServiceRequest` in binary protobuf (WIRE-FORMATS 1.1–1.3) for
/// `POST /v1/traces` with `application/x-protobuf`.
///
/// One ResourceSpans holding one ScopeSpans; fields are written in field-number order with
/// precomputed lengths, straight into the buffer.
package struct OTLPProtobufEncoder: SpanEncoder {
    package var contentType: String { "application/x-protobuf" }

    package init() {}

    // Field numbers, named as in the .proto files.
    private enum Field {
        static let requestResourceSpans = 1
        static let resourceSpansResource = 1, resourceSpansScopeSpans = 2
        static let resourceAttributes = 1
        static let scopeSpansScope = 1, scopeSpansSpans = 2
        static let scopeName = 1, scopeVersion = 2
        static let traceID = 1, spanID = 2, traceState = 3, parentSpanID = 4, name = 5, kind = 6
        static let startTime = 7, endTime = 8, attributes = 9, status = 15, flags = 16
        static let statusMessage = 2, statusCode = 3
        static let keyValueKey = 1, keyValueValue = 2
        static let anyString = 1, anyBool = 2, anyInt = 3, anyDouble = 4
    }

    package func encode(_ spans: some Collection<FinishedSpan>, resource: Resource, into buffer: inout ByteBuffer) {
        // An empty request is valid (200) and senders must not send empty envelopes (WIRE-FORMATS 1.2).
        guard !spans.isEmpty else { return }
        // Work on contiguous storage so the hot loop is not generic: iterating an unspecialized
        // collection costs a metadata lookup and a value-witness copy per span.
        let encoded: Void? = spans.withContiguousStorageIfAvailable { contiguous in
            Self.encode(contiguous, resource: resource, into: &buffer)
        }
        if encoded == nil {
            Array(spans).withUnsafeBufferPointer { Self.encode($0, resource: resource, into: &buffer) }
        }
    }

    private static func encode(
        _ spans: UnsafeBufferPointer<FinishedSpan>,
        resource: Resource,
        into buffer: inout ByteBuffer
    ) {

        var spanSizes: [Int] = []
        spanSizes.reserveCapacity(spans.count)
        var spansSize = 0
        for span in spans {
            let size = Self.spanSize(span)
            spanSizes.append(size)
            spansSize += ProtobufWriter.lengthDelimitedFieldSize(field: Field.scopeSpansSpans, payloadSize: size)
        }
        let scopeSize =
            ProtobufWriter.stringFieldSize(field: Field.scopeName, resource.scopeName)
            + ProtobufWriter.stringFieldSize(field: Field.scopeVersion, resource.scopeVersion)
        let scopeSpansSize =
            ProtobufWriter.lengthDelimitedFieldSize(field: Field.scopeSpansScope, payloadSize: scopeSize) + spansSize
        let resourceSize = Self.attributesSize(resource.attributes, field: Field.resourceAttributes)
        let resourceSpansSize =
            ProtobufWriter.lengthDelimitedFieldSize(field: Field.resourceSpansResource, payloadSize: resourceSize)
            + ProtobufWriter.lengthDelimitedFieldSize(field: Field.resourceSpansScopeSpans, payloadSize: scopeSpansSize)

        let requestSize = ProtobufWriter.lengthDelimitedFieldSize(
            field: Field.requestResourceSpans,
            payloadSize: resourceSpansSize
        )

        // Take the buffer so writes do not trigger a copy-on-write of a second reference.
        var writer = ProtobufWriter()
        swap(&writer.buffer, &buffer)
        defer { swap(&writer.buffer, &buffer) }
        // Every size is known, so the whole request is written in one pass through raw memory.
        writer.writeSized(requestSize) { cursor in
            cursor.writeLengthDelimitedHeader(field: Field.requestResourceSpans, payloadSize: resourceSpansSize)
            cursor.writeLengthDelimitedHeader(field: Field.resourceSpansResource, payloadSize: resourceSize)
            Self.writeAttributes(resource.attributes, field: Field.resourceAttributes, to: &cursor)
            cursor.writeLengthDelimitedHeader(field: Field.resourceSpansScopeSpans, payloadSize: scopeSpansSize)
            cursor.writeLengthDelimitedHeader(field: Field.scopeSpansScope, payloadSize: scopeSize)
            cursor.writeStringField(field: Field.scopeName, resource.scopeName)
            cursor.writeStringField(field: Field.scopeVersion, resource.scopeVersion)
            for index in spans.indices {
                cursor.writeLengthDelimitedHeader(field: Field.scopeSpansSpans, payloadSize: spanSizes[index])
                Self.writeSpan(spans[index], to: &cursor)
            }
        }
    }

    // MARK: Span

    private static func spanSize(_ span: FinishedSpan) -> Int {
        var size = 18 + 10  // trace_id: tag, length, 16 bytes; span_id: tag, length, 8 bytes
        if !span.traceState.isEmpty { size += ProtobufWriter.stringFieldSize(field: Field.traceState, span.traceState) }
        if span.parentSpanID != nil { size += 10 }
        if !span.name.isEmpty { size += ProtobufWriter.stringFieldSize(field: Field.name, span.name) }
        size += 2  // kind: every SpanKind case is non-zero
        if span.startTimeUnixNano != 0 { size += 9 }
        if span.endTimeUnixNano != 0 { size += 9 }
        size += Self.attributesSize(span.attributes, field: Field.attributes)
        let statusSize = Self.statusSize(span.status)
        if statusSize > 0 {
            size += ProtobufWriter.lengthDelimitedFieldSize(field: Field.status, payloadSize: statusSize)
        }
        size += 2 + 4  // flags: two-byte tag for field 16, fixed32; never zero because bit 8 is always set
        return size
    }

    private static func writeSpan(_ span: FinishedSpan, to writer: inout ProtobufCursor) {
        writer.writeLengthDelimitedHeader(field: Field.traceID, payloadSize: 16)
        writer.writeBigEndian(span.traceID.high)
        writer.writeBigEndian(span.traceID.low)
        writer.writeLengthDelimitedHeader(field: Field.spanID, payloadSize: 8)
        writer.writeBigEndian(span.spanID.value)
        if !span.traceState.isEmpty { writer.writeStringField(field: Field.traceState, span.traceState) }
        // A root span leaves parent_span_id empty rather than sending 8 zero bytes.
        if let parent = span.parentSpanID {
            writer.writeLengthDelimitedHeader(field: Field.parentSpanID, payloadSize: 8)
            writer.writeBigEndian(parent.value)
        }
        if !span.name.isEmpty { writer.writeStringField(field: Field.name, span.name) }
        writer.writeVarintField(field: Field.kind, UInt64(span.kind.rawValue))
        if span.startTimeUnixNano != 0 { writer.writeFixed64Field(field: Field.startTime, span.startTimeUnixNano) }
        if span.endTimeUnixNano != 0 { writer.writeFixed64Field(field: Field.endTime, span.endTimeUnixNano) }
        Self.writeAttributes(span.attributes, field: Field.attributes, to: &writer)
        let statusSize = Self.statusSize(span.status)
        if statusSize > 0 {
            writer.writeLengthDelimitedHeader(field: Field.status, payloadSize: statusSize)
            if case .error(let message) = span.status, !message.isEmpty {
                writer.writeStringField(field: Field.statusMessage, message)
            }
            writer.writeVarintField(field: Field.statusCode, span.status.otlpCode)
        }
        writer.writeVarint(UInt64(Field.flags) << 3 | UInt64(ProtobufWriter.WireType.fixed32.rawValue))
        writer.writeFixed32(span.otlpFlags)
    }

    /// Zero for UNSET, which is sent as no `status` at all.
    private static func statusSize(_ status: SpanStatus) -> Int {
        switch status {
        case .unset: 0
        case .ok: 2
        case .error(let message):
            2 + (message.isEmpty ? 0 : ProtobufWriter.stringFieldSize(field: Field.statusMessage, message))
        }
    }

    // MARK: Attributes

    private static func attributesSize(_ attributes: [SpanAttribute], field: Int) -> Int {
        var size = 0
        for attribute in attributes {
            size += ProtobufWriter.lengthDelimitedFieldSize(field: field, payloadSize: Self.keyValueSize(attribute))
        }
        return size
    }

    private static func keyValueSize(_ attribute: SpanAttribute) -> Int {
        ProtobufWriter.stringFieldSize(field: Field.keyValueKey, attribute.key)
            + ProtobufWriter.lengthDelimitedFieldSize(
                field: Field.keyValueValue,
                payloadSize: Self.anyValueSize(attribute.value)
            )
    }

    /// A oneof member is written even at its default value, so `""`, `false` and `0` still take space.
    private static func anyValueSize(_ value: SpanAttribute.Value) -> Int {
        switch value {
        case .string(let string): ProtobufWriter.stringFieldSize(field: Field.anyString, string)
        case .bool: 2
        case .int(let int): 1 + ProtobufWriter.varintSize(UInt64(bitPattern: int))
        case .double: 9
        }
    }

    private static func writeAttributes(_ attributes: [SpanAttribute], field: Int, to writer: inout ProtobufCursor) {
        for attribute in attributes {
            let valueSize = Self.anyValueSize(attribute.value)
            let keyValueSize =
                ProtobufWriter.stringFieldSize(field: Field.keyValueKey, attribute.key)
                + ProtobufWriter.lengthDelimitedFieldSize(field: Field.keyValueValue, payloadSize: valueSize)
            writer.writeLengthDelimitedHeader(field: field, payloadSize: keyValueSize)
            writer.writeStringField(field: Field.keyValueKey, attribute.key)
            writer.writeLengthDelimitedHeader(field: Field.keyValueValue, payloadSize: valueSize)
            switch attribute.value {
            case .string(let string): writer.writeStringField(field: Field.anyString, string)
            case .bool(let bool): writer.writeVarintField(field: Field.anyBool, bool ? 1 : 0)
            case .int(let int): writer.writeVarintField(field: Field.anyInt, UInt64(bitPattern: int))
            case .double(let double): writer.writeFixed64Field(field: Field.anyDouble, double.bitPattern)
            }
        }
    }
}
