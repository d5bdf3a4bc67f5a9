import NIOCore
import TraceProxyTracing

/// Turns finished spans into one backend's wire format. Pure: no I/O, no clock.
package protocol SpanEncoder: Sendable {
    /// Sent as `Content-Type` with the encoded body.
    var contentType: String { get }

    /// Appends the encoding of `spans` to `buffer`; writes nothing the backend would reject for an empty batch.
    func encode(_ spans: some Collection<FinishedSpan>, resource: Resource, into buffer: inout ByteBuffer)
}
