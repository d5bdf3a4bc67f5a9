import NIOCore
import NIOHTTP1
import TraceProxyTraceContext
import TraceProxyTracing
import TraceProxyUpstream

/// Everything recorded about one proxied exchange; becomes one server span when the last
/// response byte has been written.
struct RequestObservation {
    let context: SpanContext
    let startTimeUnixNano: UInt64
    let method: String
    let path: String
    let query: Substring?
    let userAgent: String?
    let protocolVersion: String
    let clientAddress: String?
    let serverAddress: String
    let serverPort: Int?

    var statusCode: Int?
    var errorType: String?
    var statusMessage: String?
    /// The exchange broke (upstream failure or reset), whatever the status code says.
    var failed = false
    var timings: UpstreamTimings?
    var requestBodyBytes: Int64 = 0
    var responseBodyBytes: Int64 = 0

    /// The ids of this span and its parent, and whether the trace is sampled.
    struct SpanContext {
        var traceID: TraceID
        var spanID: SpanID
        var parentSpanID: SpanID?
        var flags: TraceFlags
        var traceState: TraceState
        var datadog: DatadogFields
    }

    init(head: HTTPRequestHead, context: SpanContext, clientAddress: String?, startTimeUnixNano: UInt64) {
        self.context = context
        self.startTimeUnixNano = startTimeUnixNano
        self.method = head.method.rawValue
        let uri = head.uri
        if let question = uri.firstIndex(of: "?") {
            self.path = String(uri[..<question])
            self.query = uri[uri.index(after: question)...]
        } else {
            self.path = uri
            self.query = nil
        }
        self.userAgent = head.headers.first(name: "user-agent")
        self.protocolVersion = head.version.minor == 0 ? "1.0" : "1.1"
        self.clientAddress = clientAddress
        let host = head.headers.first(name: "host") ?? ""
        (self.serverAddress, self.serverPort) = Self.split(host: host)
    }

    /// `example.com:8080` → ("example.com", 8080); `[::1]:80` → ("::1", 80).
    private static func split(host: String) -> (String, Int?) {
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            let address = String(host[host.index(after: host.startIndex)..<close])
            let rest = host[host.index(after: close)...]
            return (address, rest.hasPrefix(":") ? Int(rest.dropFirst()) : nil)
        }
        if let colon = host.lastIndex(of: ":"), let port = Int(host[host.index(after: colon)...]) {
            return (String(host[..<colon]), port)
        }
        return (host, nil)
    }

    /// The span for this exchange, ended now.
    func finish(endTimeUnixNano: UInt64) -> FinishedSpan {
        var attributes: [SpanAttribute] = []
        attributes.reserveCapacity(18)
        attributes.append(.string("http.request.method", self.method))
        attributes.append(.string("url.path", self.path))
        if let query = self.query { attributes.append(.string("url.query", String(query))) }
        attributes.append(.string("url.scheme", "http"))
        if let status = self.statusCode { attributes.append(.int("http.response.status_code", status)) }
        if !self.serverAddress.isEmpty { attributes.append(.string("server.address", self.serverAddress)) }
        if let port = self.serverPort { attributes.append(.int("server.port", port)) }
        if let client = self.clientAddress { attributes.append(.string("client.address", client)) }
        if let agent = self.userAgent { attributes.append(.string("user_agent.original", agent)) }
        attributes.append(.string("network.protocol.version", self.protocolVersion))
        if self.requestBodyBytes > 0 { attributes.append(.int("http.request.body.size", self.requestBodyBytes)) }
        if self.responseBodyBytes > 0 { attributes.append(.int("http.response.body.size", self.responseBodyBytes)) }
        if let errorType = self.errorType { attributes.append(.string("error.type", errorType)) }
        if let timings = self.timings {
            attributes.append(.int("traceproxy.upstream.connect_us", timings.connectMicroseconds))
            attributes.append(.int("traceproxy.upstream.first_byte_us", timings.firstByteMicroseconds))
            attributes.append(.int("traceproxy.upstream.total_us", timings.totalMicroseconds))
            attributes.append(.bool("traceproxy.upstream.connection_reused", timings.connectionReused))
        }

        // Server spans: 5xx and broken exchanges are errors, 4xx are the client's (OTel HTTP conventions).
        let isError = self.failed || (self.statusCode ?? 0) >= 500
        let status: SpanStatus = isError ? .error(message: self.statusMessage ?? self.errorType ?? "") : .unset

        return FinishedSpan(
            traceID: self.context.traceID,
            spanID: self.context.spanID,
            parentSpanID: self.context.parentSpanID,
            parentIsRemote: self.context.parentSpanID != nil,
            traceFlags: self.context.flags,
            traceState: self.context.traceState.isEmpty ? "" : self.context.traceState.headerValue,
            name: self.method,
            kind: .server,
            startTimeUnixNano: self.startTimeUnixNano,
            endTimeUnixNano: max(endTimeUnixNano, self.startTimeUnixNano),
            status: status,
            attributes: attributes
        )
    }
}
