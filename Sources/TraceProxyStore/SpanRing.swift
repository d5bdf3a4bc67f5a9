import TraceProxyTraceContext
import TraceProxyTracing

/// The last `capacity` spans, oldest overwritten first, with a trace-id index.
///
/// The index maps a trace id to its newest span's sequence number; each slot links to the
/// previous span of the same trace. Overwritten links are detected by sequence number, so
/// eviction never walks a chain: insert is O(1) and allocates nothing once the ring is full,
/// apart from a new index entry for a new trace.
struct SpanRing: Sendable {
    struct Slot: Sendable {
        var span: FinishedSpan
        /// Position in insertion order, starting at 1.
        var sequence: UInt64
        /// The previous span of the same trace, 0 for none.
        var previousInTrace: UInt64
        var route: Int32
        var statusCode: Int32
        var isError: Bool
    }

    let capacity: Int
    private var slots: [Slot] = []
    private var index: [TraceID: UInt64] = [:]
    private(set) var lastSequence: UInt64 = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        self.slots.reserveCapacity(self.capacity)
        self.index.reserveCapacity(self.capacity)
    }

    var count: Int { self.slots.count }

    mutating func append(_ span: FinishedSpan, route: Int, statusCode: Int, isError: Bool) {
        self.lastSequence += 1
        let sequence = self.lastSequence
        let previous = self.index.updateValue(sequence, forKey: span.traceID) ?? 0
        let slot = Slot(
            span: span,
            sequence: sequence,
            previousInTrace: previous,
            route: Int32(truncatingIfNeeded: route),
            statusCode: Int32(clamping: statusCode),
            isError: isError
        )
        if self.slots.count < self.capacity {
            self.slots.append(slot)
            return
        }
        let position = self.position(of: sequence)
        // Read in place: copying the evicted slot would retain and release every string of its span.
        let evictedTraceID = self.slots[position].span.traceID
        let evictedSequence = self.slots[position].sequence
        // Only the trace's newest span owns the index entry; older ones just fall off the chain.
        if let entry = self.index.index(forKey: evictedTraceID), self.index[entry].value == evictedSequence {
            self.index.remove(at: entry)
        }
        self.slots[position] = slot
    }

    @inline(__always)
    private func position(of sequence: UInt64) -> Int {
        Int((sequence - 1) % UInt64(self.capacity))
    }

    /// The slot holding `sequence`, if it has not been overwritten.
    private func slot(_ sequence: UInt64) -> Slot? {
        guard sequence > 0, sequence <= self.lastSequence, self.lastSequence - sequence < UInt64(self.capacity) else {
            return nil
        }
        let slot = self.slots[self.position(of: sequence)]
        return slot.sequence == sequence ? slot : nil
    }

    /// The spans of one trace still held, newest first.
    func spans(of traceID: TraceID) -> [Slot] {
        var result: [Slot] = []
        var sequence = self.index[traceID] ?? 0
        while let slot = self.slot(sequence) {
            result.append(slot)
            sequence = slot.previousInTrace
        }
        return result
    }

    /// Visits held spans newest first until `body` returns false.
    func forEachNewestFirst(_ body: (Slot) -> Bool) {
        guard self.lastSequence > 0 else { return }
        let oldest = self.lastSequence - UInt64(self.slots.count) + 1
        var sequence = self.lastSequence
        while sequence >= oldest {
            if !body(self.slots[self.position(of: sequence)]) { return }
            sequence -= 1
        }
    }
}
