import TraceProxyTraceContext

/// Makes new trace and span ids. Injected so that tests are deterministic.
package protocol IDGenerator: Sendable {
    func nextTraceID() -> TraceID
    func nextSpanID() -> SpanID
}

/// Random ids from the kernel's generator (`getrandom`, pooled). Trace ids are fully random, so the
/// W3C Level 2 `random` flag holds for traces the proxy starts.
package struct RandomIDGenerator: IDGenerator {
    private let words = RandomWordPool()

    package init() {}

    package func nextTraceID() -> TraceID {
        while true {
            let id = TraceID(high: self.words.next(), low: self.words.next())
            if id.isValid { return id }
        }
    }

    package func nextSpanID() -> SpanID {
        while true {
            let id = SpanID(self.words.next())
            if id.isValid { return id }
        }
    }
}
