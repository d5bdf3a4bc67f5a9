import Synchronization

/// Whether the process should receive traffic, as `/readyz` reports it. The app flips it.
///
/// Starts not ready ("starting"); the app marks it ready once the proxy listens, and not ready
/// again when shutdown begins, so load balancers stop sending first.
package final class Readiness: Sendable {
    /// Nil when ready; otherwise why not.
    private let reason: Mutex<String?>

    package init(notReadyReason: String = "starting") {
        self.reason = Mutex(notReadyReason)
    }

    package func markReady() {
        self.reason.withLock { $0 = nil }
    }

    package func markNotReady(reason: String) {
        self.reason.withLock { $0 = reason }
    }

    /// Nil when ready.
    package var notReadyReason: String? { self.reason.withLock { $0 } }

    package var isReady: Bool { self.notReadyReason == nil }
}
