import Testing
import TraceProxyTraceContext
import TraceProxyTracing
import TraceProxyTestSupport

@Suite struct TraceIDRatioSamplerTests {
    static func randomIDs(seed: UInt64, count: Int) -> [TraceID] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in TraceID(high: random.next(), low: random.next()) }
    }

    @Test func ratioZeroNeverSamplesAndOneAlwaysDoes() {
        let extremes = [TraceID(high: 1, low: 0), TraceID(high: 0, low: 1), TraceID(high: .max, low: .max)]
        for id in extremes + Self.randomIDs(seed: 1, count: 1_000) {
            #expect(TraceIDRatioSampler(ratio: 0).shouldSample(traceID: id, parent: nil) == .drop)
            #expect(TraceIDRatioSampler(ratio: 1).shouldSample(traceID: id, parent: nil) == .recordAndSample)
        }
    }

    @Test(arguments: [(-1.0, 0.0), (2.0, 1.0), (Double.nan, 0.0), (0.25, 0.25)])
    func clampsTheRatio(given: Double, used: Double) {
        #expect(TraceIDRatioSampler(ratio: given).ratio == used)
    }

    @Test func decidesFromTheLowHalfOnlyAgainstRatioTimesTwoToThe63() {
        let sampler = TraceIDRatioSampler(ratio: 0.5)

        #expect(sampler.upperBound == 1 << 62)
        // low >> 1 == 2^62 - 1: just below the bound.
        #expect(sampler.shouldSample(traceID: TraceID(high: .max, low: (1 << 63) - 1), parent: nil) == .recordAndSample)
        // low >> 1 == 2^62: at the bound.
        #expect(sampler.shouldSample(traceID: TraceID(high: 0, low: 1 << 63), parent: nil) == .drop)
    }

    @Test func theSameTraceIDAlwaysGetsTheSameDecision() {
        let first = TraceIDRatioSampler(ratio: 0.5)
        let second = TraceIDRatioSampler(ratio: 0.5)
        for id in Self.randomIDs(seed: 3, count: 1_000) {
            let decision = first.shouldSample(traceID: id, parent: nil)
            #expect(first.shouldSample(traceID: id, parent: .stub(sampled: decision != .recordAndSample)) == decision)
            #expect(second.shouldSample(traceID: id, parent: nil) == decision)
        }
    }

    @Test func aTraceSampledAtALowRatioIsSampledAtEveryHigherRatio() {
        let ratios = [0.01, 0.1, 0.3, 0.5, 0.9, 1.0].map { TraceIDRatioSampler(ratio: $0) }
        for id in Self.randomIDs(seed: 4, count: 2_000) {
            let decisions = ratios.map { $0.shouldSample(traceID: id, parent: nil) == .recordAndSample }
            #expect(decisions == decisions.sorted { !$0 && $1 }, "\(id)")
        }
    }

    @Test(arguments: [0.01, 0.1, 0.5, 0.9])
    func samplesAFractionCloseToTheRatio(ratio: Double) {
        let sampler = TraceIDRatioSampler(ratio: ratio)
        let ids = Self.randomIDs(seed: 42, count: 10_000)

        let sampled = ids.filter { sampler.shouldSample(traceID: $0, parent: nil) == .recordAndSample }.count

        // Five standard deviations of a binomial(10 000, ratio).
        let tolerance = 5 * (10_000 * ratio * (1 - ratio)).squareRoot()
        #expect(abs(Double(sampled) - 10_000 * ratio) < tolerance, "sampled \(sampled) of 10000 at \(ratio)")
    }
}
