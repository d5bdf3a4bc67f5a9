import NIOCore

/// Reads proto3 fields one at a time, skipping what the caller does not ask for.
/// Used only for the small messages collectors answer with.
package struct ProtobufReader {
    package struct DecodingError: Error, Hashable, CustomStringConvertible {
        private enum Code: Hashable {
            case truncated
            case malformedVarint
            case unsupportedWireType(UInt8)
        }

        private let code: Code

        static let truncated = Self(code: .truncated)
        static let malformedVarint = Self(code: .malformedVarint)
        static func unsupportedWireType(_ type: UInt8) -> Self { Self(code: .unsupportedWireType(type)) }

        package var description: String { "protobuf decoding error: \(self.code)" }
    }

    package enum FieldValue {
        case varint(UInt64)
        case fixed64(UInt64)
        case lengthDelimited(ByteBuffer)
        case fixed32(UInt32)
    }

    private var buffer: ByteBuffer

    package init(_ buffer: ByteBuffer) {
        self.buffer = buffer
    }

    /// The next field number and value, or nil at the end of the message.
    package mutating func nextField() throws(DecodingError) -> (field: UInt64, value: FieldValue)? {
        guard self.buffer.readableBytes > 0 else { return nil }
        let tag = try self.readVarint()
        let field = tag >> 3
        switch UInt8(truncatingIfNeeded: tag & 7) {
        case 0:
            return (field, .varint(try self.readVarint()))
        case 1:
            guard let value = self.buffer.readInteger(endianness: .little, as: UInt64.self) else { throw .truncated }
            return (field, .fixed64(value))
        case 2:
            let length = try self.readVarint()
            guard length <= UInt64(self.buffer.readableBytes), let slice = self.buffer.readSlice(length: Int(length))
            else { throw .truncated }
            return (field, .lengthDelimited(slice))
        case 5:
            guard let value = self.buffer.readInteger(endianness: .little, as: UInt32.self) else { throw .truncated }
            return (field, .fixed32(value))
        case let other:
            // Groups (3, 4) are proto2-only and never appear in OTLP.
            throw .unsupportedWireType(other)
        }
    }

    private mutating func readVarint() throws(DecodingError) -> UInt64 {
        var result: UInt64 = 0
        for shift in stride(from: UInt64(0), to: 70, by: 7) {
            guard let byte = self.buffer.readInteger(as: UInt8.self) else { throw .truncated }
            // The tenth byte may only carry the top bit of a 64-bit value.
            if shift == 63 && byte > 1 { throw .malformedVarint }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
        }
        throw .malformedVarint
    }
}
