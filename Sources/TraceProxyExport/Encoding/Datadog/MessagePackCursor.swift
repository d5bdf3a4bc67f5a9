/// Writes MessagePack values (https://github.com/msgpack/msgpack/blob/master/spec.md) into memory reserved in
/// advance, always in the smallest form; strings use the `str` family, never `bin`.
///
/// The Datadog encoder reserves an upper bound per span and writes the whole span through one cursor
/// (`ReservedBytesCursor`): one capacity check per span instead of one `ByteBuffer` call per value.
package struct MessagePackCursor {
    private var bytes: ReservedBytesCursor

    /// Bytes written so far.
    package var offset: Int { self.bytes.offset }

    package init(_ buffer: UnsafeMutableRawBufferPointer) {
        self.bytes = ReservedBytesCursor(buffer)
    }

    /// The most bytes `writeString` takes for a string of `utf8Count` bytes.
    @inline(__always)
    package static func maxStringSize(utf8Count: Int) -> Int { utf8Count + 5 }

    /// The most bytes any single number, nil or bool takes.
    package static let maxScalarSize = 9

    @inline(__always)
    private mutating func writeByte(_ byte: UInt8) {
        self.bytes.writeByte(byte)
    }

    @inline(__always)
    private mutating func writeBigEndian<Value: FixedWidthInteger>(_ value: Value) {
        self.bytes.writeRaw(value.bigEndian)
    }

    package mutating func writeNil() {
        self.writeByte(0xC0)
    }

    package mutating func writeBool(_ value: Bool) {
        self.writeByte(value ? 0xC3 : 0xC2)
    }

    package mutating func writeUInt(_ value: UInt64) {
        switch value {
        case 0..<0x80:
            self.writeByte(UInt8(value))
        case 0x80...0xFF:
            self.writeByte(0xCC)
            self.writeByte(UInt8(value))
        case 0x100...0xFFFF:
            self.writeByte(0xCD)
            self.writeBigEndian(UInt16(value))
        case 0x1_0000...0xFFFF_FFFF:
            self.writeByte(0xCE)
            self.writeBigEndian(UInt32(value))
        default:
            self.writeByte(0xCF)
            self.writeBigEndian(value)
        }
    }

    package mutating func writeInt(_ value: Int64) {
        if value >= 0 {
            self.writeUInt(UInt64(value))
            return
        }
        switch value {
        case -32..<0:
            self.writeByte(UInt8(bitPattern: Int8(value)))  // negative fixint: 0xe0...0xff
        case Int64(Int8.min)...:
            self.writeByte(0xD0)
            self.writeByte(UInt8(bitPattern: Int8(value)))
        case Int64(Int16.min)...:
            self.writeByte(0xD1)
            self.writeBigEndian(Int16(value))
        case Int64(Int32.min)...:
            self.writeByte(0xD2)
            self.writeBigEndian(Int32(value))
        default:
            self.writeByte(0xD3)
            self.writeBigEndian(value)
        }
    }

    /// Always float64: Datadog's `metrics` are float64.
    package mutating func writeDouble(_ value: Double) {
        self.writeByte(0xCB)
        self.writeBigEndian(value.bitPattern)
    }

    package mutating func writeString(_ value: String) {
        let count = value.utf8.count
        switch count {
        case 0..<32:
            self.writeByte(0xA0 | UInt8(count))
        case 32...0xFF:
            self.writeByte(0xD9)
            self.writeByte(UInt8(count))
        case 0x100...0xFFFF:
            self.writeByte(0xDA)
            self.writeBigEndian(UInt16(count))
        default:
            self.writeByte(0xDB)
            self.writeBigEndian(UInt32(truncatingIfNeeded: count))
        }
        self.bytes.writeUTF8(value)
    }

    package mutating func writeArrayHeader(count: Int) {
        self.writeContainerHeader(count: count, fix: 0x90, sixteen: 0xDC, thirtyTwo: 0xDD)
    }

    package mutating func writeMapHeader(count: Int) {
        self.writeContainerHeader(count: count, fix: 0x80, sixteen: 0xDE, thirtyTwo: 0xDF)
    }

    private mutating func writeContainerHeader(count: Int, fix: UInt8, sixteen: UInt8, thirtyTwo: UInt8) {
        switch count {
        case 0..<16:
            self.writeByte(fix | UInt8(count))
        case 16...0xFFFF:
            self.writeByte(sixteen)
            self.writeBigEndian(UInt16(count))
        default:
            self.writeByte(thirtyTwo)
            self.writeBigEndian(UInt32(truncatingIfNeeded: count))
        }
    }
}
