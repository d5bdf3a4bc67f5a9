#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Testing
import TraceProxyExport

@Suite struct JaegerAgentSpanExporterTests {
    /// A UDP socket on 127.0.0.1 and a free port, standing in for the agent.
    final class UDPReceiver {
        let descriptor: Int32
        let port: Int

        init() throws {
            let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
            self.descriptor = descriptor
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
                }
            }
            self.port = Int(UInt16(bigEndian: address.sin_port))
            try #require(bound)
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }

        func receive() -> [UInt8]? {
            var buffer = [UInt8](repeating: 0, count: 70_000)
            let count = recv(self.descriptor, &buffer, buffer.count, 0)
            return count < 0 ? nil : Array(buffer[0..<count])
        }

        deinit { close(self.descriptor) }
    }

    @Test func sendsOneCompactEmitBatchDatagramPerGroupOfSpans() async throws {
        let agent = try UDPReceiver()
        let stats = ExporterStats(name: "jaeger")
        let exporter = JaegerAgentSpanExporter(host: "127.0.0.1", port: agent.port, resource: ExportTest.resource, stats: stats)

        try await exporter.export(ExportTest.spans(3))
        await exporter.shutdown()

        let datagram = try #require(agent.receive())
        #expect(Array(datagram.prefix(13)) == [0x82, 0x81, 0x00, 0x09] + Array("emitBatch".utf8))
        #expect(stats.snapshot.droppedRejected == 0)
    }

    @Test func anUnresolvableAgentHostIsARetryableFailure() async throws {
        let exporter = JaegerAgentSpanExporter(
            host: "no-such-host.invalid", port: 6831, resource: ExportTest.resource, stats: ExporterStats(name: "jaeger"))

        let error = await #expect(throws: ExportError.self) { try await exporter.export([ExportTest.span(0)]) }

        #expect(error?.kind == .transport)
        #expect(error?.isRetryable == true)
    }
}
