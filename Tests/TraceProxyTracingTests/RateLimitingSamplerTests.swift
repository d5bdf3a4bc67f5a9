import Testing
import TraceProxyTraceContext
import TraceProxyTracing

@Suite struct RateLimitingSamplerTests {
    static func decisions(_ sampler: some Sampler, count: Int) -> [SamplingDecision] {
        (0..<count).map { _ in sampler.shouldSample(traceID: SpanContext.traceID128, parent: nil) }
    }

    @Test func startsWithAFullBucketAndThenDrops() {
        let sampler = RateLimitingSampler(base: ConstantSampler.alwaysOn, tracesPerSecond: 3, clock: ManualClock())

        #expect(
            Self.decisions(sampler, count: 5) == [.recordAndSample, .recordAndSample, .recordAndSample, .drop, .drop])
    }

    @Test func refillsAtTheConfiguredRate() {
        let clock = ManualClock()
        let sampler = RateLimitingSampler(base: ConstantSampler.alwaysOn, tracesPerSecond: 10, clock: clock)
        _ = Self.decisions(sampler, count: 10)

        clock.advance(by: .milliseconds(99))
        let tooEarly = Self.decisions(sampler, count: 1)
        clock.advance(by: .milliseconds(1))
        let afterOneToken = Self.decisions(sampler, count: 2)
        clock.advance(by: .seconds(60))
        let afterAMinute = Self.decisions(sampler, count: 11).filter { $0 == .recordAndSample }.count

        #expect(tooEarly == [.drop])
        #expect(afterOneToken == [.recordAndSample, .drop])
        #expect(afterAMinute == 10)
    }

    @Test func aRateBelowOneStillAllowsOneTraceThenWaits() {
        let clock = ManualClock()
        let sampler = RateLimitingSampler(base: ConstantSampler.alwaysOn, tracesPerSecond: 0.5, clock: clock)

        let first = Self.decisions(sampler, count: 2)
        clock.advance(by: .seconds(1))
        let afterOneSecond = Self.decisions(sampler, count: 1)
        clock.advance(by: .seconds(1))
        let afterTwoSeconds = Self.decisions(sampler, count: 1)

        #expect(first == [.recordAndSample, .drop])
        #expect(afterOneSecond == [.drop])
        #expect(afterTwoSeconds == [.recordAndSample])
    }

    @Test func aDropFromTheBaseTakesNoToken() {
        let clock = ManualClock()
        let dropping = RateLimitingSampler(base: ConstantSampler.alwaysOff, tracesPerSecond: 1, clock: clock)

        #expect(Self.decisions(dropping, count: 3) == [.drop, .drop, .drop])

        let ratio = RateLimitingSampler(base: TraceIDRatioSampler(ratio: 0), tracesPerSecond: 1, clock: clock)
        let limitedOn = RateLimitingSampler(base: ConstantSampler.alwaysOn, tracesPerSecond: 1, clock: clock)
        #expect(ratio.shouldSample(traceID: SpanContext.traceID128, parent: nil) == .drop)
        #expect(limitedOn.shouldSample(traceID: SpanContext.traceID128, parent: nil) == .recordAndSample)
    }

    @Test func asTheRootOfAParentBasedSamplerItLimitsOnlyNewTraces() {
        let limited = RateLimitingSampler(base: ConstantSampler.alwaysOn, tracesPerSecond: 1, clock: ManualClock())
        let sampler = ParentBasedSampler(root: limited)

        let roots = Self.decisions(sampler, count: 2)
        let children = (0..<5).map { _ in
            sampler.shouldSample(traceID: SpanContext.traceID128, parent: .stub(sampled: true))
        }

        #expect(roots == [.recordAndSample, .drop])
        #expect(children.allSatisfy { $0 == .recordAndSample })
    }

    @Test func concurrentCallersNeverTakeMoreTokensThanTheBucketHolds() async {
        let sampler = RateLimitingSampler(base: ConstantSampler.alwaysOn, tracesPerSecond: 100, clock: ManualClock())

        let sampled = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { Self.decisions(sampler, count: 100).filter { $0 == .recordAndSample }.count }
            }
            return await group.reduce(0, +)
        }

        #expect(sampled == 100)
    }
}
