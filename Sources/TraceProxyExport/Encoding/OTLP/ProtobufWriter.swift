import NIOCore

/// Appends proto3 wire-format primitives to a `ByteBuffer`.
///
/// Nested messages are written with a precomputed length: callers size a message with the
/// static `…Size` helpers first, so nothing is back-patched or moved and the output is the
/// canonical encoding (https://protobuf.dev/programming-guides/encoding/).
package struct ProtobufWriter {
    package enum WireType: UInt8 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case fixed32 = 5
    }

    package var buffer: ByteBuffer

    package init(buffer: ByteBuffer = ByteBuffer()) {
        self.buffer = buffer
    }

    // MARK: Sizes

    @inline(__always)
    package static func varintSize(_ value: UInt64) -> Int {
        // One byte per started group of 7 significant bits; zero still takes one byte.
        let significantBits = 64 - (value | 1).leadingZeroBitCount
        return (significantBits + 6) / 7
    }

    @inline(__always)
    package static func tagSize(field: Int) -> Int {
        Self.varintSize(UInt64(field) << 3)
    }

    /// Tag, length prefix and payload of a length-delimited field.
    @inline(__always)
    package static func lengthDelimitedFieldSize(field: Int, payloadSize: Int) -> Int {
        Self.tagSize(field: field) + Self.varintSize(UInt64(payloadSize)) + payloadSize
    }

    @inline(__always)
    package static func stringFieldSize(field: Int, _ value: String) -> Int {
        Self.lengthDelimitedFieldSize(field: field, payloadSize: value.utf8.count)
    }

    // MARK: Writing

    @inline(__always)
    package mutating func writeTag(field: Int, _ wireType: WireType) {
        self.writeVarint(UInt64(field) << 3 | UInt64(wireType.rawValue))
    }

    @inline(__always)
    package mutating func writeVarint(_ value: UInt64) {
        self.buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 10) { pointer in
            var remaining = value
            var index = 0
            while remaining >= 0x80 {
                pointer[index] = UInt8(truncatingIfNeeded: remaining) | 0x80
                remaining >>= 7
                index += 1
            }
            pointer[index] = UInt8(truncatingIfNeeded: remaining)
            return index + 1
        }
    }

    package mutating func writeVarintField(field: Int, _ value: UInt64) {
        self.writeTag(field: field, .varint)
        self.writeVarint(value)
    }

    /// int64 fields are varints of the two's-complement pattern, so negatives take 10 bytes.
    package mutating func writeInt64Field(field: Int, _ value: Int64) {
        self.writeVarintField(field: field, UInt64(bitPattern: value))
    }

    package mutating func writeBoolField(field: Int, _ value: Bool) {
        self.writeVarintField(field: field, value ? 1 : 0)
    }

    package mutating func writeFixed64Field(field: Int, _ value: UInt64) {
        self.writeTag(field: field, .fixed64)
        self.buffer.writeInteger(value, endianness: .little)
    }

    package mutating func writeDoubleField(field: Int, _ value: Double) {
        self.writeFixed64Field(field: field, value.bitPattern)
    }

    package mutating func writeFixed32Field(field: Int, _ value: UInt32) {
        self.writeTag(field: field, .fixed32)
        self.buffer.writeInteger(value, endianness: .little)
    }

    package mutating func writeStringField(field: Int, _ value: String) {
        self.writeTag(field: field, .lengthDelimited)
        self.writeVarint(UInt64(value.utf8.count))
        self.buffer.writeString(value)
    }

    /// The tag and length prefix of a nested message or byte string;
    /// the caller writes exactly `payloadSize` bytes next.
    package mutating func writeLengthDelimitedHeader(field: Int, payloadSize: Int) {
        self.writeTag(field: field, .lengthDelimited)
        self.writeVarint(UInt64(payloadSize))
    }

    /// Appends exactly `size` bytes written by `body` through a `ProtobufCursor`, with one capacity
    /// check for the whole run instead of one per field.
    package mutating func writeSized(_ size: Int, _ body: (inout ProtobufCursor) -> Void) {
        self.buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { pointer in
            var cursor = ProtobufCursor(UnsafeMutableRawBufferPointer(rebasing: pointer[..<size]))
            body(&cursor)
            precondition(cursor.offset == size, "protobuf message smaller than its computed size")
            return size
        }
    }

    /// A `bytes` field holding `value` big-endian, as ids travel in OTLP.
    package mutating func writeBigEndianBytesField(field: Int, _ value: UInt64) {
        self.writeLengthDelimitedHeader(field: field, payloadSize: 8)
        self.buffer.writeInteger(value, endianness: .big)
    }

    /// A 16-byte `bytes` field: `high` then `low`, both big-endian.
    package mutating func writeBigEndianBytesField(field: Int, high: UInt64, low: UInt64) {
        self.writeLengthDelimitedHeader(field: field, payloadSize: 16)
        self.buffer.writeInteger(high, endianness: .big)
        self.buffer.writeInteger(low, endianness: .big)
    }
}
