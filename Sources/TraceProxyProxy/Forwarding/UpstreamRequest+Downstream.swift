import NIOHTTP1
import TraceProxyTracing
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
        ownedFields: [String]
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

        let connectionTokens = HopByHopHeaders.connectionTokens(in: head.headers)
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(head.headers.count + 4)
        var body = UpstreamRequest.Body.none
        var forwardedFor: String?
        var host: String?
        for (name, value) in head.headers {
            switch ForwardedField(name) {
            case .transferEncoding:
                // The decoder rejected anything but a final `chunked`: the body arrives de-chunked and
                // libcurl re-chunks it.
                body = .chunked
                continue
            case .contentLength:
                // A HEAD request's body has no meaning and libcurl cannot send one: it is dropped.
                if head.method == .HEAD { continue }
                if case .none = body, let length = Int64(value), length > 0 { body = .length(length) }
            case .expect:
                // Answered by the proxy itself (100 Continue); libcurl must not wait for the upstream's.
                continue
            case .forwardedFor:
                forwardedFor = forwardedFor.map { $0 + ", " + value } ?? value
                continue
            case .forwardedProtoOrHost:
                continue
            case .host:
                host = value
                if upstream.rewriteHost { continue }
            case .other:
                break
            }
            if HopByHopHeaders.isHopByHop(name, connectionTokens: connectionTokens) { continue }
            if ownedFields.contains(where: { name.equalsIgnoringASCIICase($0) }) { continue }
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

    /// The request fields the proxy treats specially, told apart by bytes (no lowercased copies per field).
    private enum ForwardedField {
        case transferEncoding, contentLength, expect, forwardedFor, forwardedProtoOrHost, host, other

        init(_ name: String) {
            switch name.utf8.count {
            case 4 where name.equalsIgnoringASCIICase("host"): self = .host
            case 6 where name.equalsIgnoringASCIICase("expect"): self = .expect
            case 14 where name.equalsIgnoringASCIICase("content-length"): self = .contentLength
            case 15 where name.equalsIgnoringASCIICase("x-forwarded-for"): self = .forwardedFor
            case 16 where name.equalsIgnoringASCIICase("x-forwarded-host"): self = .forwardedProtoOrHost
            case 17 where name.equalsIgnoringASCIICase("transfer-encoding"): self = .transferEncoding
            case 17 where name.equalsIgnoringASCIICase("x-forwarded-proto"): self = .forwardedProtoOrHost
            default: self = .other
            }
        }
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
