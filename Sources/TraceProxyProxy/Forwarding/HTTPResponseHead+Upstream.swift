import NIOHTTP1
import TraceProxyUpstream

extension HTTPResponseHead {
    /// The response head passed to the client: the upstream's status and end-to-end headers,
    /// in order, repeated names kept.
    init(forwarding upstream: UpstreamResponseHead, version: HTTPVersion) {
        var connectionTokens = HopByHopHeaders.names
        for (name, value) in upstream.headers where name.lowercased() == "connection" {
            for token in value.split(separator: ",") {
                connectionTokens.insert(token.trimmingWhitespace().lowercased())
            }
        }
        var headers = HTTPHeaders()
        headers.reserveCapacity(upstream.headers.count)
        for (name, value) in upstream.headers where !connectionTokens.contains(name.lowercased()) {
            headers.add(name: name, value: value)
        }
        let status = HTTPResponseStatus(statusCode: upstream.status, reasonPhrase: upstream.reason)
        self.init(version: version, status: status, headers: headers)
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
