import Synchronization
import TraceProxyTraceContext

/// Caps how many traces per second `base` may sample, with a token bucket (`--max-traces-per-second`).
///
/// Meant as the root sampler of a `ParentBasedSampler`, so only new traces are limited and
/// decisions already made upstream are honoured.
///
/// | `base` says        | token available | result                          |
/// | ------------------ | --------------- | ------------------------------- |
/// | `drop`             | –               | `drop` (no token taken)         |
/// | `recordAndSample`  | yes             | `recordAndSample`, token taken  |
/// | `recordAndSample`  | no              | `drop`                          |
///
/// The bucket holds up to `max(1, tracesPerSecond)` tokens, starts full and refills continuously.
package final class RateLimitingSampler<C: Clock<Duration>>: Sampler {
    private struct Bucket {
        var tokens: Double
        var refilledAt: C.Instant
    }

    package let base: any Sampler
    package let tracesPerSecond: Double
    private let capacity: Double
    private let clock: C
    private let bucket: Mutex<Bucket>

    /// - Precondition: `tracesPerSecond` is finite and greater than zero (configuration validates it).
    package init(base: any Sampler, tracesPerSecond: Double, clock: C) {
        precondition(
            tracesPerSecond.isFinite && tracesPerSecond > 0,
            "RateLimitingSampler needs a positive finite rate, got \(tracesPerSecond)"
        )
        self.base = base
        self.tracesPerSecond = tracesPerSecond
        self.capacity = max(1, tracesPerSecond)
        self.clock = clock
        self.bucket = Mutex(Bucket(tokens: max(1, tracesPerSecond), refilledAt: clock.now))
    }

    package func shouldSample(traceID: TraceID, parent: SpanContext?) -> SamplingDecision {
        guard self.base.shouldSample(traceID: traceID, parent: parent) == .recordAndSample else { return .drop }
        let now = self.clock.now
        let acquired = self.bucket.withLock { bucket in
            let elapsed = bucket.refilledAt.duration(to: now)
            if elapsed > .zero {
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                bucket.tokens = min(self.capacity, bucket.tokens + seconds * self.tracesPerSecond)
                bucket.refilledAt = now
            }
            guard bucket.tokens >= 1 else { return false }
            bucket.tokens -= 1
            return true
        }
        return acquired ? .recordAndSample : .drop
    }
}

extension RateLimitingSampler where C == ContinuousClock {
    package convenience init(base: any Sampler, tracesPerSecond: Double) {
        self.init(base: base, tracesPerSecond: tracesPerSecond, clock: ContinuousClock())
    }
}
