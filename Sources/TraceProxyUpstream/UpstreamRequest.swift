/// One outbound HTTP request, as the upstream will receive it.
package struct UpstreamRequest: Sendable {
    /// How the request body is framed.
    package enum Body: Sendable, Equatable {
        /// No body: nothing is read from `UpstreamExchange.writeRequestBody`.
        case none
        /// Exactly this many bytes, sent with `Content-Length`.
        case length(Int64)
        /// Length unknown: sent with `Transfer-Encoding: chunked` as the bytes arrive.
        case chunked
    }

    /// The method token, sent as is (`GET`, `PURGE`, ...).
    package var method: String
    /// Absolute URL: the upstream's base URL followed by the request target, byte for byte.
    package var url: String
    /// Header fields in order, repeated names kept. The caller has removed hop-by-hop headers;
    /// the client adds none of its own (no `Accept`, `Expect`, `User-Agent`, ...).
    package var headers: [(name: String, value: String)]
    package var body: Body
    /// HTTP/1.1 unless a caller needs HTTP/2 (gRPC exports).
    package var httpVersion: UpstreamHTTPVersion

    package init(
        method: String, url: String, headers: [(name: String, value: String)], body: Body,
        httpVersion: UpstreamHTTPVersion = .http1_1
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.httpVersion = httpVersion
    }
}
