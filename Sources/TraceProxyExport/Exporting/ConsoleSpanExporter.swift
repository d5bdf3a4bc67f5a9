#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import NIOCore
import TraceProxyTracing

/// Writes one JSON object per span per line to standard output or to a file.
package final class ConsoleSpanExporter: SpanExporter {
    package let name = "console"
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let resource: Resource
    private let encoder = ConsoleJSONEncoder()

    /// Opens `path` for appending, or uses standard output when `path` is nil or `-`.
    package init(path: String?, resource: Resource) throws(ExportError) {
        self.resource = resource
        if let path, path != "-" {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw ExportError(.transport, detail: "cannot open \(path): \(String(cString: strerror(errno)))")
            }
            self.descriptor = descriptor
            self.ownsDescriptor = true
        } else {
            self.descriptor = STDOUT_FILENO
            self.ownsDescriptor = false
        }
    }

    package func export(_ batch: [FinishedSpan]) async throws(ExportError) {
        var buffer = ByteBuffer()
        self.encoder.encode(batch, resource: self.resource, into: &buffer)
        let failure = buffer.withUnsafeReadableBytes { bytes -> Int32? in
            var offset = 0
            while offset < bytes.count {
                let written = write(self.descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure {
            throw ExportError(.transport, detail: "write failed: \(String(cString: strerror(failure)))")
        }
    }

    package func shutdown() async {
        if self.ownsDescriptor { close(self.descriptor) }
    }
}
