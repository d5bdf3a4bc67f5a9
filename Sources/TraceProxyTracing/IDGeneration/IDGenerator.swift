import TraceProxyTraceContext

/// Makes new trace and span ids. Injected so that tests are deterministic.
package protocol IDGenerator: Sendable {
    func nextTraceID() -> TraceID
    func nextSpanID() -> SpanID
}

/// Random ids from the system generator. Trace ids are fully random, so the W3C Level 2
/// `random` flag holds for traces the proxy starts.
package struct RandomIDGenerator: IDGenerator {
    package init() {}

    package func nextTraceID() -> TraceID {
        var generator = SystemRandomNumberGenerator()
        while true {
            let id = TraceID(high: generator.next(), low: generator.next())
            if id.isValid { return id }
        }
    }

    package func nextSpanID() -> SpanID {
        var generator = SystemRandomNumberGenerator()
        while true {
            let id = SpanID(generator.next())
            if id.isValid { return id }
        }
    }
}
