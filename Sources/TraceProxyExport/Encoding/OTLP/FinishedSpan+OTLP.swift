import TraceProxyTraceContext
import TraceProxyTracing

extension FinishedSpan {
    /// OTLP `Span.flags` (WIRE-FORMATS 1.2): the W3C flags byte, bit 8 "parent remoteness known"
    /// always, and bit 9 when the parent came from an incoming request.
    package var otlpFlags: UInt32 {
        var flags = UInt32(self.traceFlags.rawValue) | 0x100
        if self.parentIsRemote && self.parentSpanID != nil { flags |= 0x200 }
        return flags
    }
}

extension SpanStatus {
    /// OTLP `Status.code`: UNSET 0, OK 1, ERROR 2.
    package var otlpCode: UInt64 {
        switch self {
        case .unset: 0
        case .ok: 1
        case .error: 2
        }
    }
}
