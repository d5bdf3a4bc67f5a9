import NIOCore
import NIOHTTP1
import TraceProxyTraceContext
import TraceProxyTracing
import TraceProxyUpstream

/// Everything recorded about one proxied exchange; becomes a server span (and a client span for
/// the upstream call) when the last response byte has been written.
struct RequestObservation {
    let context: SpanContext
    let startTimeUnixNano: UInt64
    let method: String
    let path: Substring
    let query: Substring?
    let userAgent: String?
    let protocolVersion: String
    let clientAddress: String?
    let serverAddress: Substring
    let serverPort: Int?
    /// The route template, when one is known.
    let route: String?
    /// A health check or Kubernetes probe: counted, not traced (unless configured).
    let isProbe: Bool
    var requestHeaderAttributes: [SpanAttribute] = []
    var responseHeaderAttributes: [SpanAttribute] = []

    var statusCode: Int?
    var errorType: String?
    var statusMessage: String?
    /// The exchange broke (upstream failure or reset), whatever the status code says.
    var failed = false
    var timings: UpstreamTimings?
    var requestBodyBytes: Int64 = 0
    var responseBodyBytes: Int64 = 0
    /// When the upstream exchange started and ended: the client span's bounds.
    var upstreamStartUnixNano: UInt64?
    var upstreamEndUnixNano: UInt64?

    /// The ids of this exchange's spans and their parent, and whether the trace is sampled.
    struct SpanContext {
        var traceID: TraceID
        var spanID: SpanID
        var parentSpanID: SpanID?
        var flags: TraceFlags
        var traceState: TraceState
        var datadog: DatadogFields
        /// The CLIENT span's id when client spans are on: the upstream names it as its parent.
        var clientSpanID: SpanID?

        /// The span the upstream should name as its parent.
        var upstreamParentID: SpanID { self.clientSpanID ?? self.spanID }
    }

    init(
        head: HTTPRequestHead,
        context: SpanContext,
        clientAddress: String?,
        startTimeUnixNano: UInt64,
        options: SpanRecordingOptions
    ) {
        self.context = context
        self.startTimeUnixNano = startTimeUnixNano
        self.method = head.method.rawValue
        let uri = head.uri[...]
        if let question = uri.utf8.firstIndex(of: UInt8(ascii: "?")) {
            self.path = uri[..<question]
            self.query = uri[uri.utf8.index(after: question)...]
        } else {
            self.path = uri
            self.query = nil
        }
        self.userAgent = head.headers.first(name: "user-agent")
        self.protocolVersion = head.version.minor == 0 ? "1.0" : "1.1"
        self.clientAddress = clientAddress
        let host = head.headers.first(name: "host") ?? ""
        (self.serverAddress, self.serverPort) = Self.split(host: host[...])
        self.route = options.routes.route(method: self.method, path: self.path)
        self.isProbe =
            !options.traceProbes
            && ((self.userAgent?.hasPrefix("kube-probe/") ?? false) || options.healthPaths.contains(where: { [path = self.path] in $0 == path }))
        for name in options.captureRequestHeaders {
            let values = head.headers[name]
            if !values.isEmpty {
                self.requestHeaderAttributes.append(.string("http.request.header." + name, values.joined(separator: ",")))
            }
        }
    }

    /// `example.com:8080` → ("example.com", 8080); `[::1]:80` → ("::1", 80). Scans bytes: runs per request.
    private static func split(host: Substring) -> (Substring, Int?) {
        let bytes = host.utf8
        if bytes.first == UInt8(ascii: "["), let close = bytes.firstIndex(of: UInt8(ascii: "]")) {
            let address = host[bytes.index(after: bytes.startIndex)..<close]
            let rest = bytes[bytes.index(after: close)...]
            guard rest.first == UInt8(ascii: ":") else { return (address, nil) }
            return (address, Self.port(rest.dropFirst()))
        }
        if let colon = bytes.lastIndex(of: UInt8(ascii: ":")), let port = Self.port(bytes[bytes.index(after: colon)...]) {
            return (host[..<colon], port)
        }
        return (host, nil)
    }

    /// A decimal port of one to five digits; nil for anything else.
    private static func port(_ digits: Substring.UTF8View.SubSequence) -> Int? {
        guard !digits.isEmpty, digits.count <= 5 else { return nil }
        var value = 0
        for byte in digits {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// Records the chosen response headers.
    mutating func captureResponseHeaders(_ headers: [(name: String, value: String)], options: SpanRecordingOptions) {
        for name in options.captureResponseHeaders {
            let values = headers.filter { $0.name.lowercased() == name }.map(\.value)
            if !values.isEmpty {
                self.responseHeaderAttributes.append(.string("http.response.header." + name, values.joined(separator: ",")))
            }
        }
    }

    /// W3C Level 2 `traceresponse`: the trace id and the proxy's server span, so callers learn the trace.
    var traceResponseValue: String? {
        guard !self.isProbe else { return nil }
        // Same shape as a traceparent: formatted in one go rather than concatenated.
        return TraceParent(
            traceID: self.context.traceID,
            parentID: self.context.spanID,
            flags: self.context.flags.intersection([.sampled, .random])
        ).headerValue
    }

    /// Server spans: 5xx and broken exchanges are errors, 4xx are the client's (OTel HTTP conventions).
    var isError: Bool { self.failed || (self.statusCode ?? 0) >= 500 }

    /// The spans of this exchange, ended now: the server span first, then the client span if any.
    /// `keep` forces the sampled flag (keep-after-response).
    func finish(endTimeUnixNano: UInt64, options: SpanRecordingOptions, keep: Bool) -> (FinishedSpan, FinishedSpan?) {
        var flags = self.context.flags
        if keep { flags.insert(.sampled) }
        let traceState = self.context.traceState.isEmpty ? "" : self.context.traceState.headerValue
        let status: SpanStatus = self.isError ? .error(message: self.statusMessage ?? self.errorType ?? "") : .unset
        let name = self.route.map { self.method + " " + $0 } ?? self.method

        var attributes: [SpanAttribute] = []
        attributes.reserveCapacity(20 + self.requestHeaderAttributes.count + self.responseHeaderAttributes.count)
        attributes.append(.string("http.request.method", self.method))
        if let route = self.route { attributes.append(.string("http.route", route)) }
        attributes.append(.string("url.path", String(self.path)))
        if let query = self.query { attributes.append(.string("url.query", options.redactedQuery(query))) }
        attributes.append(.string("url.scheme", "http"))
        if let status = self.statusCode { attributes.append(.int("http.response.status_code", status)) }
        if !self.serverAddress.isEmpty { attributes.append(.string("server.address", String(self.serverAddress))) }
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
        attributes.append(contentsOf: self.requestHeaderAttributes)
        attributes.append(contentsOf: self.responseHeaderAttributes)

        let end = max(endTimeUnixNano, self.startTimeUnixNano)
        let server = FinishedSpan(
            traceID: self.context.traceID,
            spanID: self.context.spanID,
            parentSpanID: self.context.parentSpanID,
            parentIsRemote: self.context.parentSpanID != nil,
            traceFlags: flags,
            traceState: traceState,
            name: name,
            kind: .server,
            startTimeUnixNano: self.startTimeUnixNano,
            endTimeUnixNano: end,
            status: status,
            attributes: attributes
        )
        guard let clientSpanID = self.context.clientSpanID, let upstreamStart = self.upstreamStartUnixNano else {
            return (server, nil)
        }
        return (server, self.clientSpan(id: clientSpanID, start: upstreamStart, flags: flags, traceState: traceState, serverEnd: end))
    }

    /// The upstream call as a CLIENT child, with libcurl's phases as attributes.
    private func clientSpan(id: SpanID, start: UInt64, flags: TraceFlags, traceState: String, serverEnd: UInt64) -> FinishedSpan {
        var attributes: [SpanAttribute] = [.string("http.request.method", self.method)]
        if let route = self.route { attributes.append(.string("http.route", route)) }
        if let status = self.statusCode, self.errorType == nil || self.timings?.firstByteMicroseconds ?? 0 > 0 {
            attributes.append(.int("http.response.status_code", status))
        }
        if let timings = self.timings {
            if !timings.peerAddress.isEmpty {
                attributes.append(.string("network.peer.address", timings.peerAddress))
                attributes.append(.int("network.peer.port", timings.peerPort))
            }
            attributes.append(.int("traceproxy.upstream.dns_us", timings.nameLookupMicroseconds))
            attributes.append(.int("traceproxy.upstream.connect_us", timings.connectMicroseconds))
            attributes.append(.int("traceproxy.upstream.tls_us", timings.tlsMicroseconds))
            attributes.append(.int("traceproxy.upstream.first_byte_us", timings.firstByteMicroseconds))
            attributes.append(
                .int("traceproxy.upstream.transfer_us", max(0, timings.totalMicroseconds - timings.firstByteMicroseconds))
            )
            attributes.append(.int("traceproxy.upstream.total_us", timings.totalMicroseconds))
            attributes.append(.bool("traceproxy.upstream.connection_reused", timings.connectionReused))
        }
        if let errorType = self.errorType, self.failed { attributes.append(.string("error.type", errorType)) }
        let end = min(max(self.upstreamEndUnixNano ?? serverEnd, start), serverEnd)
        let failedUpstream = self.failed || (self.statusCode ?? 0) >= 500
        return FinishedSpan(
            traceID: self.context.traceID,
            spanID: id,
            parentSpanID: self.context.spanID,
            parentIsRemote: false,
            traceFlags: flags,
            traceState: traceState,
            name: self.route.map { self.method + " " + $0 } ?? self.method,
            kind: .client,
            startTimeUnixNano: start,
            endTimeUnixNano: end,
            status: failedUpstream ? .error(message: self.statusMessage ?? self.errorType ?? "") : .unset,
            attributes: attributes
        )
    }
}
