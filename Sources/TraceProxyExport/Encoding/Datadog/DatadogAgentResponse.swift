import NIOCore
import TraceProxyJSON

/// The Datadog agent's JSON answer to a trace payload (WIRE-FORMATS 3.5).
package struct DatadogAgentResponse: Sendable, Hashable {
    /// Sampling rates keyed `service:<svc>,env:<env>`; nil when the answer had no `rate_by_service`
    /// (the agent answers `{}` when the rates did not change).
    package var rateByService: [String: Double]?

    package init(rateByService: [String: Double]?) {
        self.rateByService = rateByService
    }

    /// Parses the body; an empty body counts as "no rates". Entries whose value is not a number are skipped.
    package static func decode(json body: ByteBuffer) throws(JSONReader.ParseError) -> Self {
        guard body.readableBytesView.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            return Self(rateByService: nil)
        }
        let document = try JSONReader.parse(body)
        guard case .object(let members)? = document["rate_by_service"] else { return Self(rateByService: nil) }
        var rates: [String: Double] = [:]
        for member in members {
            if let rate = member.value.doubleValue { rates[member.key] = rate }
        }
        return Self(rateByService: rates)
    }
}
