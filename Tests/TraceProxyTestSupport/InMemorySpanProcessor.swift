import Synchronization
import TraceProxyTracing

/// Collects every span it is given, for tests to read.
package final class InMemorySpanProcessor: SpanProcessor {
    private let spans = Mutex<[FinishedSpan]>([])

    package init() {}

    package func onEnd(_ span: FinishedSpan) {
        self.spans.withLock { $0.append(span) }
    }

    package func shutdown(deadline: ContinuousClock.Instant) async {}

    package var finishedSpans: [FinishedSpan] { self.spans.withLock { $0 } }

    /// Waits (bounded) for `count` server spans and returns the server spans.
    package func waitForServerSpans(count: Int, timeout: Duration = .seconds(5)) async -> [FinishedSpan] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let spans = self.finishedSpans.filter { $0.kind == .server }
            if spans.count >= count { return spans }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return self.finishedSpans.filter { $0.kind == .server }
    }

    /// Waits (bounded) until at least `count` spans have arrived.
    package func waitForSpans(count: Int, timeout: Duration = .seconds(5)) async -> [FinishedSpan] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let spans = self.finishedSpans
            if spans.count >= count { return spans }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return self.finishedSpans
    }
}
