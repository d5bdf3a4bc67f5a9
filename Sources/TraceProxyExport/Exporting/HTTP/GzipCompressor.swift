import CZlib
import NIOCore

/// Compresses a request body into the gzip format (RFC 1952) with zlib, for `Content-Encoding: gzip`.
package enum GzipCompressor {
    /// A 15-bit window plus 16: zlib writes a gzip header and trailer instead of a zlib one.
    static let gzipWindowBits: Int32 = 15 + 16

    package static func compress(_ input: ByteBuffer) throws(ExportError) -> ByteBuffer {
        var stream = z_stream()
        let initStatus = deflateInit2_(
            &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, Self.gzipWindowBits, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size)
        )
        guard initStatus == Z_OK else { throw ExportError(.encoding, detail: "deflateInit2 failed (\(initStatus))") }
        defer { deflateEnd(&stream) }

        // deflateBound is enough for one Z_FINISH call to complete.
        let bound = Int(deflateBound(&stream, UInt(input.readableBytes)))
        var output = ByteBuffer()
        var status = Z_STREAM_ERROR
        input.withUnsafeReadableBytes { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: UInt8.self).baseAddress)
            stream.avail_in = UInt32(source.count)
            output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { target in
                stream.next_out = target.bindMemory(to: UInt8.self).baseAddress
                stream.avail_out = UInt32(target.count)
                status = deflate(&stream, Z_FINISH)
                return target.count - Int(stream.avail_out)
            }
        }
        guard status == Z_STREAM_END else { throw ExportError(.encoding, detail: "deflate failed (\(status))") }
        return output
    }
}
