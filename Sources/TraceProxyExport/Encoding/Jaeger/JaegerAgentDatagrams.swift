import NIOCore

/// The UDP datagrams for one batch sent to a Jaeger agent, and what could not be sent.
package struct JaegerAgentDatagrams: Sendable {
    /// Each is one compact `Agent.emitBatch` message no larger than the limit it was built for.
    package var datagrams: [ByteBuffer]
    /// Spans left out because, alone with the Process, they exceed the datagram limit.
    package var droppedSpanCount: Int

    package init(datagrams: [ByteBuffer], droppedSpanCount: Int) {
        self.datagrams = datagrams
        self.droppedSpanCount = droppedSpanCount
    }
}
