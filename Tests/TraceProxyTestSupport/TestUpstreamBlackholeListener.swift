#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A loopback port that accepts no connection: its accept queue is full, so the kernel drops new SYNs and
/// connecting times out instead of being refused. For connect-timeout tests without leaving 127.0.0.1.
package final class TestUpstreamBlackholeListener {
    package let port: Int
    private var descriptors: [Int32] = []

    package init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw TestUpstreamBlackholeError(step: "socket", code: errno) }
        self.descriptors.append(listener)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(listener, socketAddress, length) == 0 && listen(listener, 0) == 0
                    && getsockname(listener, socketAddress, &length) == 0
            }
        }
        guard bound else {
            close(listener)
            throw TestUpstreamBlackholeError(step: "bind/listen", code: errno)
        }
        self.port = Int(UInt16(bigEndian: address.sin_port))
        // A backlog of 0 still queues one connection; a few more make sure the queue is full.
        for _ in 0..<3 {
            let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            guard filler >= 0 else { continue }
            self.descriptors.append(filler)
            _ = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    deinit {
        for descriptor in self.descriptors { close(descriptor) }
    }
}

/// A socket call failed while setting up `TestUpstreamBlackholeListener`.
package struct TestUpstreamBlackholeError: Error {
    package var step: String
    package var code: Int32
}
