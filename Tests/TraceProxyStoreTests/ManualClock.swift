import Synchronization

/// A unix-seconds clock that only moves when a test says so.
final class ManualClock: Sendable {
    private let now: Mutex<Double>

    init(_ start: Double = 1_790_000_000) {
        self.now = Mutex(start)
    }

    func advance(seconds: Double) {
        self.now.withLock { $0 += seconds }
    }

    var reading: @Sendable () -> Double {
        { self.now.withLock { $0 } }
    }
}
