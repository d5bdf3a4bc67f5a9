/// A host and port to bind, as given by the user; not resolved yet.
package struct SocketAddressSpec: Sendable, Equatable {
    /// A host name, an IPv4 address, or an IPv6 address without brackets.
    package var host: String
    /// 0...65535; 0 lets the system pick a free port.
    package var port: Int

    package init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}
