import NIOHTTP1
import TraceProxyUpstream

extension UpstreamRequest {
    /// The request forwarded upstream for a client's request head, or the reason it cannot be.
    ///
    /// Hop-by-hop headers and the client's trace headers are removed, `X-Forwarded-*` added;
    /// the request target is kept byte for byte (absolute-form is reduced to its path and query,
    /// so the proxy only ever talks to its own upstream).
    static func forwarding(
        _ head: HTTPRequestHead,
        upstream: ProxyServer.Configuration.Upstream,
        clientAddress: String?,
        ownedFields: Set<String>
    ) -> Result<UpstreamRequest, ProxyError> {
        // Never a tunnel: the proxy only ever talks to its own upstream.
        if head.method == .CONNECT {
            return .failure(.methodNotAllowed("CONNECT"))
        }
        let target: Substring
        switch head.uri.utf8.first {
        case UInt8(ascii: "/"):
            target = head.uri[...]
        case UInt8(ascii: "*") where head.uri == "*":
            return .failure(.unsupportedTarget("asterisk-form is not forwarded"))
        default:
            // absolute-form (`GET http://host/path`): only the path and query are forwarded.
            guard let afterAuthority = Self.authorityAndRest(ofAbsoluteForm: head.uri) else {
                return .failure(.unsupportedTarget("request target must start with /"))
            }
            if let slash = afterAuthority.firstIndex(where: { $0 == "/" || $0 == "?" }) {
                let rest = afterAuthority[slash...]
                target = rest.first == "?" ? Substring("/" + rest) : rest
            } else {
                target = "/"
            }
        }

        let dropped = HopByHopHeaders.names(in: head.headers)
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(head.headers.count + 4)
        var body = UpstreamRequest.Body.none
        var forwardedFor: String?
        var host: String?
        for (name, value) in head.headers {
            let lowered = name.lowercased()
            switch lowered {
            case "transfer-encoding":
                // The decoder rejected anything but a final `chunked`: the body arrives de-chunked and
                // libcurl re-chunks it.
                body = .chunked
                continue
            case "content-length":
                // A HEAD request's body has no meaning and libcurl cannot send one: it is dropped.
                if head.method == .HEAD { continue }
                if case .none = body, let length = Int64(value), length > 0 { body = .length(length) }
            case "expect":
                // Answered by the proxy itself (100 Continue); libcurl must not wait for the upstream's.
                continue
            case "x-forwarded-for":
                forwardedFor = forwardedFor.map { $0 + ", " + value } ?? value
                continue
            case "x-forwarded-proto", "x-forwarded-host":
                continue
            case "host":
                host = value
                if upstream.rewriteHost { continue }
            default:
                break
            }
            if dropped.contains(lowered) || ownedFields.contains(lowered) { continue }
            headers.append((name, value))
        }
        if upstream.rewriteHost { headers.append(("Host", upstream.hostHeader)) }
        if let clientAddress {
            headers.append(("X-Forwarded-For", forwardedFor.map { $0 + ", " + clientAddress } ?? clientAddress))
        } else if let forwardedFor {
            headers.append(("X-Forwarded-For", forwardedFor))
        }
        headers.append(("X-Forwarded-Proto", "http"))
        if let host { headers.append(("X-Forwarded-Host", host)) }
        if head.method == .HEAD { body = .none }

        return .success(
            UpstreamRequest(
                method: head.method.rawValue,
                url: upstream.baseURL + target,
                headers: headers,
                body: body
            )
        )
    }

    /// `http://host/path?q` → `host/path?q`; nil when `uri` is not absolute-form.
    private static func authorityAndRest(ofAbsoluteForm uri: String) -> Substring? {
        guard let colon = uri.firstIndex(of: ":") else { return nil }
        let scheme = uri[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = uri[uri.index(after: colon)...]
        guard rest.hasPrefix("//") else { return nil }
        return rest.dropFirst(2)
    }
}
