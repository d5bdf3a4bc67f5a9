/// Where requests are forwarded: scheme, host, port and an optional base path.
package struct UpstreamURL: Sendable, Equatable {
    package var scheme: UpstreamScheme
    /// Lowercased host name or IP address; IPv6 without brackets.
    package var host: String
    /// 1...65535; the scheme's default port when the URL names none.
    package var port: Int
    /// Prefix put before every forwarded path: empty, or starting with `/` and never ending with one.
    package var basePath: String

    package init(scheme: UpstreamScheme, host: String, port: Int, basePath: String) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.basePath = basePath
    }

    /// `host[:port]` as sent in a `Host` header; the port is left out when it is the scheme's default.
    package var authority: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return self.port == self.scheme.defaultPort ? host : "\(host):\(self.port)"
    }

    /// `scheme://authority/base-path`, to which a request's path is appended.
    package var baseURLString: String {
        "\(self.scheme.rawValue)://\(self.authority)\(self.basePath)"
    }
}
