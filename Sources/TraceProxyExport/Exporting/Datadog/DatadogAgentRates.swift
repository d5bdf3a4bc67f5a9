import Synchronization

/// The sampling rates the Datadog agent last sent in `rate_by_service` (WIRE-FORMATS 3.5), shared
/// between the exporter that reads them and the sampler that uses them. Thread-safe.
package final class DatadogAgentRates: Sendable {
    /// The agent's key for traces that match no other key.
    package static let defaultKey = "service:,env:"

    private let rates = Mutex<[String: Double]>([:])

    package init() {}

    /// The agent's key for a service and environment: `service:<svc>,env:<env>`.
    package static func key(service: String, env: String?) -> String {
        "service:\(service),env:\(env ?? "")"
    }

    /// The rate for `service:<svc>,env:<env>`, else the agent's default, else nil (no rates yet).
    package func rate(service: String, env: String?) -> Double? {
        self.rate(forKey: Self.key(service: service, env: env))
    }

    /// The rate for an exact key, else the agent's default, else nil.
    package func rate(forKey key: String) -> Double? {
        self.rates.withLock { $0[key] ?? $0[Self.defaultKey] }
    }

    /// Replaces every rate. A response without `rate_by_service` (the agent's `{}` for "unchanged")
    /// is not passed here, so the last rates stay in force.
    package func update(_ rateByService: [String: Double]) {
        let clamped = rateByService.compactMapValues { $0.isFinite ? min(max($0, 0), 1) : nil }
        self.rates.withLock { $0 = clamped }
    }
}
