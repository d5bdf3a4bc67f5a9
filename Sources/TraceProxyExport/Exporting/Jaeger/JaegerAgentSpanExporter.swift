#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import NIOCore
import Synchronization
import TraceProxyTracing

/// Jaeger's agent protocol (WIRE-FORMATS 2.2): compact-Thrift `emitBatch` datagrams, one `sendto` each,
/// from a plain UDP socket. The one exporter that does not go through `UpstreamClient`: there is no HTTP.
///
/// Runs on the batch processor's task, never on an event loop. UDP has no answer, so a batch counts as
/// exported once the kernel took every datagram; spans too large for one datagram are dropped and counted.
package final class JaegerAgentSpanExporter: SpanExporter {
    package let name = "jaeger"
    private let host: String
    private let port: Int
    private let resource: Resource
    private let stats: ExporterStats
    private let encoder = JaegerThriftEncoder()
    private let agentSocket = Mutex<AgentSocket?>(nil)

    /// A socket and the resolved agent address, made on first use so an agent host that does not
    /// resolve yet only fails exports (retried), never start-up.
    private struct AgentSocket {
        var descriptor: Int32
        var address: sockaddr_storage
        var length: socklen_t
    }

    package init(host: String, port: Int, resource: Resource, stats: ExporterStats) {
        self.host = host
        self.port = port
        self.resource = resource
        self.stats = stats
    }

    package func export(_ batch: [FinishedSpan]) async throws(ExportError) {
        let datagrams = self.encoder.agentDatagrams(batch, resource: self.resource)
        if datagrams.droppedSpanCount > 0 {
            self.stats.droppedRejected.add(datagrams.droppedSpanCount, ordering: .relaxed)
        }
        let failure = self.agentSocket.withLock { socket -> ExportError? in
            if socket == nil {
                switch Self.open(host: self.host, port: self.port) {
                case .success(let opened): socket = opened
                case .failure(let error): return error
                }
            }
            guard let target = socket else { return nil }
            let descriptor = target.descriptor
            let length = target.length
            var address = target.address
            for datagram in datagrams.datagrams {
                let sent = datagram.withUnsafeReadableBytes { bytes in
                    withUnsafePointer(to: &address) { pointer in
                        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                            sendto(descriptor, bytes.baseAddress, bytes.count, 0, $0, length)
                        }
                    }
                }
                if sent < 0 {
                    let code = errno
                    return ExportError(.transport, detail: "sendto \(self.host):\(self.port) failed: \(Self.describe(code))")
                }
            }
            return nil
        }
        if let failure { throw failure }
    }

    package func shutdown() async {
        self.agentSocket.withLock { socket in
            if let descriptor = socket?.descriptor { close(descriptor) }
            socket = nil
        }
    }

    private static func open(host: String, port: Int) -> Result<AgentSocket, ExportError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &results)
        guard status == 0, let first = results else {
            return .failure(ExportError(.transport, detail: "cannot resolve Jaeger agent host \(host): \(String(cString: gai_strerror(status)))"))
        }
        defer { freeaddrinfo(results) }
        let descriptor = socket(first.pointee.ai_family, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            return .failure(ExportError(.transport, detail: "socket failed: \(Self.describe(errno))"))
        }
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(start: first.pointee.ai_addr, count: Int(first.pointee.ai_addrlen)))
        }
        return .success(AgentSocket(descriptor: descriptor, address: storage, length: first.pointee.ai_addrlen))
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
