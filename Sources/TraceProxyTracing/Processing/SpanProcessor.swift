/// Receives every finished span. The request path calls `onEnd`, so it must never block or suspend.
package protocol SpanProcessor: Sendable {
    /// Takes a finished span. Called on an event loop: O(1), no I/O, no waiting.
    func onEnd(_ span: FinishedSpan)

    /// Sends what is buffered and stops. Returns when done or when `deadline` has passed.
    func shutdown(deadline: ContinuousClock.Instant) async
}

/// Drops everything: the `none` exporter.
package struct NoOpSpanProcessor: SpanProcessor {
    package init() {}
    package func onEnd(_ span: FinishedSpan) {}
    package func shutdown(deadline: ContinuousClock.Instant) async {}
}

/// Hands each span to several processors, in order.
package struct MultiplexSpanProcessor: SpanProcessor {
    package let processors: [any SpanProcessor]

    package init(_ processors: [any SpanProcessor]) {
        self.processors = processors
    }

    package func onEnd(_ span: FinishedSpan) {
        for processor in self.processors { processor.onEnd(span) }
    }

    package func shutdown(deadline: ContinuousClock.Instant) async {
        await withTaskGroup(of: Void.self) { group in
            for processor in self.processors {
                group.addTask { await processor.shutdown(deadline: deadline) }
            }
        }
    }
}
