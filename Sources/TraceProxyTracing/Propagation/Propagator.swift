/// Reads a parent context from incoming headers and writes the current context to outgoing ones.
///
/// Implementations are pure: no I/O, no clock, no randomness.
package protocol Propagator: Sendable {
    /// Lowercased names of the headers this propagator reads and writes.
    var fields: [String] { get }

    /// The remote parent described by `carrier`, or nil when the headers are absent or invalid.
    func extract(from carrier: some HeaderCarrier) -> SpanContext?

    /// Writes `context` into `carrier`, replacing any header of this format already there.
    func inject(_ context: SpanContext, into carrier: inout some MutableHeaderCarrier)
}
