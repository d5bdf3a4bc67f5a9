import TraceProxyUpstream

/// Maps a backend's answer, or the failure to get one, onto `ExportError` (WIRE-FORMATS 1.4, 3.5, 4.1).
///
/// | answer | outcome |
/// | --- | --- |
/// | 2xx | accepted |
/// | 429, 502, 503, 504 | `.throttled`, retried after `Retry-After` (seconds or HTTP date) or a backoff |
/// | any other status | `.rejected`: dropped and counted, never retried |
/// | connect or response timeout | `.timeout`, retried |
/// | refused, reset, unresolved, anything else | `.transport`, retried |
package enum HTTPExportStatus {
    /// Statuses a backend uses to say "later" (OTLP's retryable list; the Datadog agent's 429).
    package static let retryableStatuses: Set<Int> = [429, 502, 503, 504]

    /// Nil when the answer means the batch was accepted.
    package static func error(for head: UpstreamResponseHead, nowUnixSeconds: Int64) -> ExportError? {
        if (200..<300).contains(head.status) { return nil }
        if Self.retryableStatuses.contains(head.status) {
            let retryAfter = head.headers.first { $0.name.lowercased() == "retry-after" }
                .flatMap { RetryAfter.seconds($0.value, nowUnixSeconds: nowUnixSeconds) }
            return ExportError(.throttled, status: head.status, retryAfterSeconds: retryAfter)
        }
        return ExportError(.rejected, status: head.status)
    }

    package static func error(for failure: UpstreamError) -> ExportError {
        switch failure.kind {
        case .responseTimeout, .connectTimeout: ExportError(.timeout, detail: failure.description)
        default: ExportError(.transport, detail: failure.description)
        }
    }
}
