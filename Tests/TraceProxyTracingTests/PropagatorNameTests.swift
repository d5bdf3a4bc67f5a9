import Testing
import TraceProxyTracing

@Suite struct PropagatorNameTests {
    @Test(
        arguments: [
            (nil, [.tracecontext, .baggage]),
            ("", [.tracecontext, .baggage]),
            ("  ", [.tracecontext, .baggage]),
            ("tracecontext", [.tracecontext]),
            ("b3multi, jaeger ,datadog", [.b3multi, .jaeger, .datadog]),
            ("B3,TraceContext", [.b3, .tracecontext]),
            ("b3,b3,tracecontext,b3", [.b3, .tracecontext]),
            ("none", []),
            ("none,b3", [.b3]),
            ("tracecontext,,baggage,", [.tracecontext, .baggage]),
        ] as [(String?, [PropagatorName])])
    func parsesLists(value: String?, expected: [PropagatorName]) throws {
        #expect(try PropagatorName.parseList(value) == expected)
    }

    @Test(arguments: [("xray", "xray"), ("tracecontext, ottrace", "ottrace"), ("b3 multi", "b3 multi")])
    func rejectsAnUnknownNameAndNamesIt(value: String, unknown: String) {
        #expect(throws: PropagatorConfigurationError.unknownPropagator(unknown)) { try PropagatorName.parseList(value) }
    }

    @Test func errorDescriptionNamesTheVariableAndTheValue() {
        let description = PropagatorConfigurationError.unknownPropagator("xray").description

        #expect(description.hasPrefix("OTEL_PROPAGATORS: unknown propagator \"xray\""))
    }
}
