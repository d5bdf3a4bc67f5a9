import NIOHTTP1
import TraceProxyUpstream

extension HTTPResponseHead {
    /// The response head passed to the client: the upstream's status and end-to-end headers,
    /// in order, repeated names kept.
    init(forwarding upstream: UpstreamResponseHead, version: HTTPVersion) {
        let connectionTokens = HopByHopHeaders.connectionTokens(in: upstream.headers)
        var headers = HTTPHeaders()
        headers.reserveCapacity(upstream.headers.count)
        for (name, value) in upstream.headers
        where !HopByHopHeaders.isHopByHop(name, connectionTokens: connectionTokens) {
            headers.add(name: name, value: value)
        }
        let status = HTTPResponseStatus(statusCode: upstream.status, reasonPhrase: upstream.reason)
        self.init(version: version, status: status, headers: headers)
    }
}
