/// The HTTP version an upstream request is sent with.
package enum UpstreamHTTPVersion: Sendable, Hashable {
    /// Proxied traffic: the proxy speaks HTTP/1.1 on both sides.
    case http1_1
    /// HTTP/2, for gRPC: with prior knowledge over `http://` (h2c, no upgrade), negotiated by ALPN over `https://`.
    case http2
}
