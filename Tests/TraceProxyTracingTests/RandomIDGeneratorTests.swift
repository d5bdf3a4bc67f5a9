import Testing
import TraceProxyTraceContext
import TraceProxyTracing

/// Pooled kernel randomness still gives valid, distinct, evenly spread ids, also across threads.
@Suite struct RandomIDGeneratorTests {
    @Test func idsAreValidDistinctAndEvenlySpread() {
        let generator = RandomIDGenerator()
        var spanIDs = Set<UInt64>()
        var traceIDs = Set<TraceID>()
        var bitCounts = [Int](repeating: 0, count: 64)
        let count = 10_000  // spans many refills of the pool
        for _ in 0..<count {
            let span = generator.nextSpanID()
            let trace = generator.nextTraceID()
            #expect(span.isValid && trace.isValid)
            spanIDs.insert(span.value)
            traceIDs.insert(trace)
            for bit in 0..<64 where span.value & (1 << UInt64(bit)) != 0 { bitCounts[bit] += 1 }
        }
        #expect(spanIDs.count == count)
        #expect(traceIDs.count == count)
        // Each bit is set in about half the ids; 40–60 % is more than 20 standard deviations wide.
        #expect(bitCounts.allSatisfy { (count * 4 / 10)...(count * 6 / 10) ~= $0 }, "\(bitCounts)")
    }

    @Test func generatorsSharedAcrossTasksNeverRepeatAnId() async {
        let generator = RandomIDGenerator()
        let batches = await withTaskGroup(of: [UInt64].self) { group in
            for _ in 0..<4 {
                group.addTask { (0..<5_000).map { _ in generator.nextSpanID().value } }
            }
            return await group.reduce(into: []) { $0.append(contentsOf: $1) }
        }
        #expect(Set(batches).count == 20_000)
    }

    @Test func separateGeneratorsDoNotShareAStream() {
        let first = (0..<100).map { _ in RandomIDGenerator().nextSpanID().value }
        #expect(Set(first).count == 100)
    }
}
