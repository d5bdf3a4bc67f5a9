import NIOCore
import TraceProxyJSON

extension JSONReader {
    /// Parses one JSON value spanning all readable bytes of `buffer` (surrounding whitespace allowed).
    package static func parse(_ buffer: ByteBuffer) throws(ParseError) -> JSONValue {
        try Self.parse(Array(buffer.readableBytesView))
    }
}
