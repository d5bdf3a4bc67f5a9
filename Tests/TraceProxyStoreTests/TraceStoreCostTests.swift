import TraceProxyTestSupport
import Testing
import TraceProxyStore
import TraceProxyTraceContext
import TraceProxyTracing

@Suite struct TraceStoreCostTests {
    /// Guards against `onEnd` growing with the number of held spans: a full ring costs what an empty one does.
    @Test func onEndCostDoesNotGrowWithTheRing() {
        let clock = ManualUnixClock()
        let store = TraceStore(configuration: .init(maxSpans: 10_000), clock: clock.reading)
        var spans: [FinishedSpan] = []
        for n in 1...20_000 {
            let id = UInt64(n)
            let milliseconds = Double(n % 500) + 0.5
            spans.append(.stub(traceID: TraceID(high: id, low: 1), route: "/items/{item_id}", durationMilliseconds: milliseconds, spanID: id))
        }

        let clockTime = ContinuousClock()
        let filling = clockTime.measure { for span in spans[0..<10_000] { store.onEnd(span) } }
        let evicting = clockTime.measure { for span in spans[10_000...] { store.onEnd(span) } }

        let perSpan = evicting / 10_000
        print("TraceStore.onEnd: \(filling / 10_000) per span filling, \(perSpan) per span evicting")
        #expect(store.spanCount == 10_000)
        #expect(evicting < filling * 3 + .milliseconds(50))
        // Debug builds run unspecialised generics: this bound only catches gross regressions.
        #expect(perSpan < .microseconds(500))
    }
}
