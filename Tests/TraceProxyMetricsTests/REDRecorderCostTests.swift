import TraceProxyTestSupport
import Testing
import TraceProxyMetrics
import TraceProxyTracing

@Suite struct REDRecorderCostTests {
    /// A coarse guard: recording stays in the microsecond range even with many series present.
    @Test func onEndStaysCheapWithManySeries() {
        let recorder = REDRecorder()
        let spans = (0..<1000).map { n in FinishedSpan.stub(route: "/r\(n % 500)", status: 200 + n % 3) }
        for span in spans { recorder.onEnd(span) }

        let elapsed = ContinuousClock().measure {
            for _ in 0..<20 { for span in spans { recorder.onEnd(span) } }
        }

        let perSpan = elapsed / 20_000
        print("REDRecorder.onEnd: \(perSpan) per span")
        #expect(recorder.snapshot().series.count == 1000)
        #expect(perSpan < .microseconds(50))
    }
}
