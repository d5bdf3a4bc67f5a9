/// `/healthz` (the process answers) and `/readyz` (the app says traffic may come).
enum ProbeEndpoint {
    static func liveness() -> AdminResponse {
        .text(200, "ok\n", headers: [("Cache-Control", "no-store")])
    }

    static func readiness(_ readiness: Readiness) -> AdminResponse {
        if let reason = readiness.notReadyReason {
            return .text(503, "not ready: \(reason)\n", headers: [("Cache-Control", "no-store")])
        }
        return .text(200, "ready\n", headers: [("Cache-Control", "no-store")])
    }
}
