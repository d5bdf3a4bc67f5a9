extension AdminServer {
    /// Where the admin server listens.
    package struct Configuration: Sendable, Equatable {
        /// Address to bind. Loopback unless `allowPublic`.
        /// Default: 127.0.0.1. Flag: `--admin`.
        package var host: String
        /// Port to bind; 0 picks a free one. 7801 collides with none of Envoy, Prometheus, Jaeger, Datadog or Zipkin.
        /// Default: 7801. Flag: `--admin`.
        package var port: Int
        /// Allows a non-loopback `host`: traces carry paths and client addresses, so it is opt-in.
        /// Default: false. Flag: `--admin-public`.
        package var allowPublic: Bool

        package static let `default` = Configuration(host: "127.0.0.1", port: 7801, allowPublic: false)

        package init(host: String = "127.0.0.1", port: Int = 7801, allowPublic: Bool = false) {
            self.host = host
            self.port = port
            self.allowPublic = allowPublic
        }

        /// Throws when the host is not loopback and public serving was not asked for.
        package func validate() throws(AdminConfigurationError) {
            guard (0...65535).contains(self.port) else { throw .invalidPort(self.port) }
            guard self.allowPublic || Self.isLoopback(self.host) else { throw .publicHostNotAllowed(self.host) }
        }

        /// 127.0.0.0/8, ::1 and `localhost`.
        static func isLoopback(_ host: String) -> Bool {
            var host = host.lowercased()
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
            let octets = host.split(separator: ".", omittingEmptySubsequences: false)
            guard octets.count == 4, octets[0] == "127" else { return false }
            return octets.allSatisfy { octet in UInt8(octet).map { _ in true } ?? false }
        }
    }
}
