import TraceProxyTracing

/// A Zipkin `remoteEndpoint` built from OTel network attributes: the upstream for a CLIENT span,
/// the caller for a SERVER span. Nil when the span carries none of them.
struct ZipkinRemoteEndpoint {
    var serviceName: String?
    var ipv4: String?
    var ipv6: String?
    var port: Int64?

    init?(_ span: FinishedSpan) {
        let hostKey: String
        let portKey: String
        switch span.kind {
        case .client, .producer:
            hostKey = "server.address"
            portKey = "server.port"
        case .server, .consumer:
            hostKey = "client.address"
            portKey = "client.port"
        case .internal:
            return nil
        }
        let host = span.attributes.stringValue(hostKey)
        let peerAddress = span.attributes.stringValue("network.peer.address")
        if let peerService = span.attributes.stringValue("peer.service") {
            self.serviceName = peerService.lowercased()
        } else if let host, Self.ipVersion(host) == nil {
            self.serviceName = host.lowercased()
        }
        for candidate in [peerAddress, host].compactMap({ $0 }) {
            switch Self.ipVersion(candidate) {
            case 4?: self.ipv4 = self.ipv4 ?? candidate
            case 6?: self.ipv6 = self.ipv6 ?? Self.unbracketed(candidate)
            default: continue
            }
        }
        let port = span.attributes.intValue(portKey) ?? span.attributes.intValue("network.peer.port")
        // zipkin2-api: leave the port out when unknown; never send 0.
        if let port, port > 0, port <= 65535 { self.port = port }
        guard self.serviceName != nil || self.ipv4 != nil || self.ipv6 != nil else { return nil }
    }

    func write(to writer: inout JSONWriter) {
        writer.writeByte(UInt8(ascii: "{"))
        var first = true
        func key(_ name: StaticString) {
            if !first { writer.writeByte(UInt8(ascii: ",")) }
            first = false
            writer.writeRaw(name)
        }
        if let serviceName {
            key(#""serviceName":"#)
            writer.writeString(serviceName)
        }
        if let ipv4 {
            key(#""ipv4":"#)
            writer.writeString(ipv4)
        }
        if let ipv6 {
            key(#""ipv6":"#)
            writer.writeString(ipv6)
        }
        if let port {
            key(#""port":"#)
            writer.writeInt(port)
        }
        writer.writeByte(UInt8(ascii: "}"))
    }

    /// 4 for a dotted-quad IPv4 literal, 6 for something shaped like an IPv6 literal, nil for a host name.
    static func ipVersion(_ text: String) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && UInt8($0) != nil }) { return 4 }
        let address = Self.unbracketed(text)
        if address.contains(":"), address.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) { return 6 }
        return nil
    }

    private static func unbracketed(_ text: String) -> String {
        text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
    }
}

extension Array where Element == SpanAttribute {
    fileprivate func stringValue(_ key: String) -> String? {
        if case .string(let value)? = self[key] { return value }
        return nil
    }

    fileprivate func intValue(_ key: String) -> Int64? {
        if case .int(let value)? = self[key] { return value }
        return nil
    }
}
