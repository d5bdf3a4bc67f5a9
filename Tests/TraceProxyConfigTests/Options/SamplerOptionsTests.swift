import Testing
import TraceProxyTracing

@testable import TraceProxyConfig

@Suite struct SamplerOptionsTests {
    static let upstreamFlag = ["--upstream", "http://127.0.0.1:8000"]

    @Test(arguments: [
        ([String](), [String: String](), SamplerSelection.parentBasedAlwaysOn),
        (["--sampler", "traceidratio"], [:], .traceIDRatio(1)),
        (["--sampler", "traceidratio", "--sampler-arg", "0.25"], [:], .traceIDRatio(0.25)),
        ([], ["OTEL_TRACES_SAMPLER": "parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG": "0.1"],
            .parentBasedTraceIDRatio(0.1)),
        (["--sampler-arg", "0.5"], ["OTEL_TRACES_SAMPLER": "traceidratio", "OTEL_TRACES_SAMPLER_ARG": "0.9"],
            .traceIDRatio(0.5)),
        (["--sampler", "parentbased_traceidratio"], ["OTEL_TRACES_SAMPLER_ARG": "0"], .parentBasedTraceIDRatio(0)),
        (["--sampler", "always_on"], ["OTEL_TRACES_SAMPLER": "always_off"], .alwaysOn),
        ([], ["OTEL_TRACES_SAMPLER": "ALWAYS_OFF"], .alwaysOff),
        ([], ["OTEL_TRACES_SAMPLER": "parentbased_always_off"], .parentBasedAlwaysOff),
        // The argument of a sampler without a ratio is ignored, as the specification says.
        (["--sampler", "always_on"], ["OTEL_TRACES_SAMPLER_ARG": "garbage"], .alwaysOn),
        ([], ["OTEL_TRACES_SAMPLER": "", "OTEL_TRACES_SAMPLER_ARG": "0.5"], .parentBasedAlwaysOn),
    ])
    func combinesSamplerAndArgument(arguments: [String], environment: [String: String], expected: SamplerSelection)
        throws
    {
        let options = try RunOptions.parse(Self.upstreamFlag + arguments)

        let configuration = try options.resolve(environment: environment)

        #expect(configuration.sampler == expected)
    }
}
