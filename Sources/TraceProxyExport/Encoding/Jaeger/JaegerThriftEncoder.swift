import NIOCore
import TraceProxyTracing

/// Jaeger Thrift (WIRE-FORMATS 2): a binary-protocol `Batch` for the collector's
/// `POST /api/traces`, and compact `emitBatch` datagrams for the agent's UDP port 6831.
package struct JaegerThriftEncoder: SpanEncoder {
    /// The agent's and OTel receiver's default maximum packet size.
    package static let maximumDatagramSize = 65_000

    package var contentType: String { "application/x-thrift" }

    package init() {}

    /// One `Batch` struct, Thrift binary protocol, no message envelope (WIRE-FORMATS 2.3).
    package func encode(_ spans: some Collection<FinishedSpan>, resource: Resource, into buffer: inout ByteBuffer) {
        var writer = ThriftBinaryWriter()
        swap(&writer.buffer, &buffer)
        defer { swap(&writer.buffer, &buffer) }
        JaegerThriftStructs.writeBatch(spans, resource: resource, to: &writer)
    }

    /// Splits `spans` into compact `emitBatch` ONEWAY messages of at most `maximumDatagramSize` bytes each
    /// (WIRE-FORMATS 2.2). Every datagram carries its own Process, spans keep their order and are never
    /// split, and a span too large for a datagram of its own is dropped and counted.
    package func agentDatagrams(
        _ spans: some Collection<FinishedSpan>,
        resource: Resource,
        maximumDatagramSize: Int = JaegerThriftEncoder.maximumDatagramSize
    ) -> JaegerAgentDatagrams {
        // Everything before the span list: message header, args field 1, Batch field 1 (Process), Batch field 2.
        var prefixWriter = ThriftCompactWriter()
        prefixWriter.writeMessageBegin(name: "emitBatch", type: .oneway, sequenceID: 0)
        prefixWriter.writeStructBegin()
        prefixWriter.writeFieldBegin(.struct, id: 1)
        prefixWriter.writeStructBegin()
        prefixWriter.writeFieldBegin(.struct, id: 1)
        JaegerThriftStructs.writeProcess(resource, to: &prefixWriter)
        prefixWriter.writeFieldBegin(.list, id: 2)
        let prefix = prefixWriter.buffer
        let suffixSize = 2  // stop bytes of Batch and of the args struct

        // A compact struct is self-contained (its field deltas restart at 0), so each span's bytes can be
        // cut out of one scratch buffer and reassembled in any grouping.
        var spanWriter = ThriftCompactWriter()
        var spanEnds: [Int] = []
        spanEnds.reserveCapacity(spans.count)
        for span in spans {
            JaegerThriftStructs.writeSpan(span, resource: resource, to: &spanWriter)
            spanEnds.append(spanWriter.buffer.writerIndex)
        }
        let spanBytes = spanWriter.buffer

        var result = JaegerAgentDatagrams(datagrams: [], droppedSpanCount: 0)
        var group: [Range<Int>] = []
        var groupSize = 0
        func datagramSize(spanCount: Int, spanBytes: Int) -> Int {
            prefix.readableBytes + ThriftCompactWriter.listHeaderSize(count: spanCount) + spanBytes
                + suffixSize
        }
        func flush() {
            guard !group.isEmpty else { return }
            var datagram = ByteBuffer()
            datagram.reserveCapacity(datagramSize(spanCount: group.count, spanBytes: groupSize))
            datagram.writeImmutableBuffer(prefix)
            datagram.writeBytes(ThriftCompactWriter.listHeader(.struct, count: group.count))
            for range in group {
                datagram.writeBytes(spanBytes.readableBytesView[range])
            }
            datagram.writeBytes([0, 0])
            result.datagrams.append(datagram)
            group.removeAll(keepingCapacity: true)
            groupSize = 0
        }
        var start = 0
        for end in spanEnds {
            let range = start..<end
            start = end
            if datagramSize(spanCount: 1, spanBytes: range.count) > maximumDatagramSize {
                result.droppedSpanCount += 1
                continue
            }
            if datagramSize(spanCount: group.count + 1, spanBytes: groupSize + range.count) > maximumDatagramSize {
                flush()
            }
            group.append(range)
            groupSize += range.count
        }
        flush()
        return result
    }
}
