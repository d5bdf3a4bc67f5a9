/// Why a batch did not reach its backend, and whether trying again can help.
package struct ExportError: Error, Sendable, CustomStringConvertible {
    package enum Kind: String, Sendable {
        /// Connection failed or broke: retryable.
        case transport
        /// The backend answered with a retryable status (429, 502, 503, 504).
        case throttled
        /// The backend refused the batch (400 and other non-retryable answers): dropped.
        case rejected
        /// The batch could not be encoded: dropped.
        case encoding
        /// No answer within the export timeout: retryable.
        case timeout
    }

    package var kind: Kind
    /// The HTTP status, when the backend answered.
    package var status: Int?
    /// Seconds to wait before retrying, from `Retry-After`.
    package var retryAfterSeconds: Double?
    package var detail: String

    package init(_ kind: Kind, status: Int? = nil, retryAfterSeconds: Double? = nil, detail: String = "") {
        self.kind = kind
        self.status = status
        self.retryAfterSeconds = retryAfterSeconds
        self.detail = detail
    }

    package var isRetryable: Bool {
        switch self.kind {
        case .transport, .throttled, .timeout: true
        case .rejected, .encoding: false
        }
    }

    package var description: String {
        var text = self.kind.rawValue
        if let status = self.status { text += " (HTTP \(status))" }
        if !self.detail.isEmpty { text += ": \(self.detail)" }
        return text
    }
}
