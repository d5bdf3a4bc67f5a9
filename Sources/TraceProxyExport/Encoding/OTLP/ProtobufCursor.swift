/// Writes proto3 primitives into memory that was sized in advance with `ProtobufWriter`'s size helpers.
///
/// The hot path of `OTLPProtobufEncoder`: no `ByteBuffer` call per field; every write is checked against the
/// reservation (`ReservedBytesCursor`), so a sizing mistake stops the process rather than corrupting memory.
package struct ProtobufCursor {
    private var bytes: ReservedBytesCursor

    /// Bytes written so far.
    package var offset: Int { self.bytes.offset }

    package init(_ buffer: UnsafeMutableRawBufferPointer) {
        self.bytes = ReservedBytesCursor(buffer)
    }

    @inline(__always)
    package mutating func writeByte(_ byte: UInt8) {
        self.bytes.writeByte(byte)
    }

    @inline(__always)
    package mutating func writeVarint(_ value: UInt64) {
        var index = self.bytes.claim(ProtobufWriter.varintSize(value))
        var remaining = value
        while remaining >= 0x80 {
            self.bytes.store(UInt8(truncatingIfNeeded: remaining) | 0x80, at: index)
            remaining >>= 7
            index += 1
        }
        self.bytes.store(UInt8(truncatingIfNeeded: remaining), at: index)
    }

    /// A tag whose encoding is a single byte (field numbers 1–15).
    @inline(__always)
    package mutating func writeTag(field: Int, _ wireType: ProtobufWriter.WireType) {
        self.writeVarint(UInt64(field) << 3 | UInt64(wireType.rawValue))
    }

    @inline(__always)
    package mutating func writeFixed64(_ value: UInt64) {
        self.bytes.writeRaw(value.littleEndian)
    }

    @inline(__always)
    package mutating func writeFixed32(_ value: UInt32) {
        self.bytes.writeRaw(value.littleEndian)
    }

    @inline(__always)
    package mutating func writeBigEndian(_ value: UInt64) {
        self.bytes.writeRaw(value.bigEndian)
    }

    /// The UTF-8 bytes of `string`, without a length prefix.
    @inline(__always)
    package mutating func writeUTF8(_ string: String) {
        self.bytes.writeUTF8(string)
    }

    // MARK: Whole fields

    @inline(__always)
    package mutating func writeVarintField(field: Int, _ value: UInt64) {
        self.writeTag(field: field, .varint)
        self.writeVarint(value)
    }

    @inline(__always)
    package mutating func writeFixed64Field(field: Int, _ value: UInt64) {
        self.writeTag(field: field, .fixed64)
        self.writeFixed64(value)
    }

    @inline(__always)
    package mutating func writeStringField(field: Int, _ value: String) {
        self.writeTag(field: field, .lengthDelimited)
        self.writeVarint(UInt64(value.utf8.count))
        self.writeUTF8(value)
    }

    /// Tag and length of a nested message or byte string; exactly `payloadSize` bytes must follow.
    @inline(__always)
    package mutating func writeLengthDelimitedHeader(field: Int, payloadSize: Int) {
        self.writeTag(field: field, .lengthDelimited)
        self.writeVarint(UInt64(payloadSize))
    }
}
