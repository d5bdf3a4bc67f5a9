/// Reads and writes nothing: stands for `baggage`, which the proxy forwards untouched.
package struct NoOpPropagator: Propagator {
    package init() {}

    package var fields: [String] { [] }

    package func extract(from carrier: some HeaderCarrier) -> SpanContext? { nil }

    package func inject(_ context: SpanContext, into carrier: inout some MutableHeaderCarrier) {}
}
