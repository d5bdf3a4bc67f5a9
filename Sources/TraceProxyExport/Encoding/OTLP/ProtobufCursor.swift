/// Writes proto3 primitives into memory that was sized in advance with `ProtobufWriter`'s size helpers.
///
/// The hot path of `OTLPProtobufEncoder`: one bounds check per write and no `ByteBuffer` call per
/// field. Every write checks the bound, so a sizing mistake stops the process rather than corrupting memory.
package struct ProtobufCursor {
    private let base: UnsafeMutableRawPointer
    private let capacity: Int
    /// Bytes written so far.
    package private(set) var offset = 0

    package init(_ buffer: UnsafeMutableRawBufferPointer) {
        // A zero-capacity buffer may have no base address; nothing can be written into it anyway.
        self.base = buffer.baseAddress ?? UnsafeMutableRawPointer(bitPattern: 0x1)!
        self.capacity = buffer.count
    }

    @inline(__always)
    private mutating func claim(_ count: Int) -> Int {
        precondition(self.offset + count <= self.capacity, "protobuf message larger than its computed size")
        defer { self.offset += count }
        return self.offset
    }

    @inline(__always)
    package mutating func writeByte(_ byte: UInt8) {
        self.base.storeBytes(of: byte, toByteOffset: self.claim(1), as: UInt8.self)
    }

    @inline(__always)
    package mutating func writeVarint(_ value: UInt64) {
        let start = self.claim(ProtobufWriter.varintSize(value))
        var remaining = value
        var index = start
        while remaining >= 0x80 {
            self.base.storeBytes(of: UInt8(truncatingIfNeeded: remaining) | 0x80, toByteOffset: index, as: UInt8.self)
            remaining >>= 7
            index += 1
        }
        self.base.storeBytes(of: UInt8(truncatingIfNeeded: remaining), toByteOffset: index, as: UInt8.self)
    }

    /// A tag whose encoding is a single byte (field numbers 1–15).
    @inline(__always)
    package mutating func writeTag(field: Int, _ wireType: ProtobufWriter.WireType) {
        self.writeVarint(UInt64(field) << 3 | UInt64(wireType.rawValue))
    }

    @inline(__always)
    package mutating func writeFixed64(_ value: UInt64) {
        self.base.storeBytes(of: value.littleEndian, toByteOffset: self.claim(8), as: UInt64.self)
    }

    @inline(__always)
    package mutating func writeFixed32(_ value: UInt32) {
        self.base.storeBytes(of: value.littleEndian, toByteOffset: self.claim(4), as: UInt32.self)
    }

    @inline(__always)
    package mutating func writeBigEndian(_ value: UInt64) {
        self.base.storeBytes(of: value.bigEndian, toByteOffset: self.claim(8), as: UInt64.self)
    }

    /// The UTF-8 bytes of `string`, without a length prefix.
    @inline(__always)
    package mutating func writeUTF8(_ string: String) {
        let count = string.utf8.count
        let start = self.claim(count)
        let copied: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in
            if let source = bytes.baseAddress { (self.base + start).copyMemory(from: source, byteCount: count) }
        }
        if copied == nil {
            var index = start
            for byte in string.utf8 {
                self.base.storeBytes(of: byte, toByteOffset: index, as: UInt8.self)
                index += 1
            }
        }
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
