/// Several formats at once, as `OTEL_PROPAGATORS` lists them.
///
/// Extract returns the first valid context in the configured order; inject writes every format,
/// so the next hop can read whichever one it understands.
package struct CompositePropagator: Propagator {
    package let propagators: [any Propagator]

    package init(_ propagators: [any Propagator]) {
        self.propagators = propagators
    }

    /// The propagators named by `names`, in order.
    package init(names: [PropagatorName]) {
        self.init(names.map { $0.makePropagator() })
    }

    package var fields: [String] {
        var result: [String] = []
        for propagator in self.propagators {
            for field in propagator.fields where !result.contains(field) { result.append(field) }
        }
        return result
    }

    package func extract(from carrier: some HeaderCarrier) -> SpanContext? {
        for propagator in self.propagators {
            if let context = propagator.extract(from: carrier) { return context }
        }
        return nil
    }

    package func inject(_ context: SpanContext, into carrier: inout some MutableHeaderCarrier) {
        for propagator in self.propagators {
            propagator.inject(context, into: &carrier)
        }
    }
}
