import Synchronization

/// A unix-seconds clock that only moves when a test says so (the store's and the admin server's clock seam).
package final class ManualUnixClock: Sendable {
    private let now: Mutex<Double>

    package init(_ start: Double = 1_790_000_000) {
        self.now = Mutex(start)
    }

    package func advance(seconds: Double) {
        self.now.withLock { $0 += seconds }
    }

    package var reading: @Sendable () -> Double {
        { self.now.withLock { $0 } }
    }
}
