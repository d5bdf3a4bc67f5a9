import NIOCore

/// Appends MessagePack values (https://github.com/msgpack/msgpack/blob/master/spec.md) to a
/// `ByteBuffer`, always in the smallest form. Strings use the `str` family, never `bin`.
package struct MessagePackWriter {
    package var buffer: ByteBuffer

    package init(buffer: ByteBuffer = ByteBuffer()) {
        self.buffer = buffer
    }

    package mutating func writeNil() {
        self.buffer.writeInteger(UInt8(0xC0))
    }

    package mutating func writeBool(_ value: Bool) {
        self.buffer.writeInteger(UInt8(value ? 0xC3 : 0xC2))
    }

    package mutating func writeUInt(_ value: UInt64) {
        switch value {
        case 0..<0x80:
            self.buffer.writeInteger(UInt8(value))
        case 0x80...0xFF:
            self.buffer.writeInteger(UInt8(0xCC))
            self.buffer.writeInteger(UInt8(value))
        case 0x100...0xFFFF:
            self.buffer.writeInteger(UInt8(0xCD))
            self.buffer.writeInteger(UInt16(value))
        case 0x1_0000...0xFFFF_FFFF:
            self.buffer.writeInteger(UInt8(0xCE))
            self.buffer.writeInteger(UInt32(value))
        default:
            self.buffer.writeInteger(UInt8(0xCF))
            self.buffer.writeInteger(value)
        }
    }

    package mutating func writeInt(_ value: Int64) {
        if value >= 0 {
            self.writeUInt(UInt64(value))
            return
        }
        switch value {
        case -32..<0:
            self.buffer.writeInteger(Int8(value))  // negative fixint: 0xe0...0xff
        case Int64(Int8.min)...:
            self.buffer.writeInteger(UInt8(0xD0))
            self.buffer.writeInteger(Int8(value))
        case Int64(Int16.min)...:
            self.buffer.writeInteger(UInt8(0xD1))
            self.buffer.writeInteger(Int16(value))
        case Int64(Int32.min)...:
            self.buffer.writeInteger(UInt8(0xD2))
            self.buffer.writeInteger(Int32(value))
        default:
            self.buffer.writeInteger(UInt8(0xD3))
            self.buffer.writeInteger(value)
        }
    }

    /// Always float64: Datadog's `metrics` are float64.
    package mutating func writeDouble(_ value: Double) {
        self.buffer.writeInteger(UInt8(0xCB))
        self.buffer.writeInteger(value.bitPattern)
    }

    package mutating func writeString(_ value: String) {
        let count = value.utf8.count
        switch count {
        case 0..<32:
            self.buffer.writeInteger(UInt8(0xA0) | UInt8(count))
        case 32...0xFF:
            self.buffer.writeInteger(UInt8(0xD9))
            self.buffer.writeInteger(UInt8(count))
        case 0x100...0xFFFF:
            self.buffer.writeInteger(UInt8(0xDA))
            self.buffer.writeInteger(UInt16(count))
        default:
            self.buffer.writeInteger(UInt8(0xDB))
            self.buffer.writeInteger(UInt32(truncatingIfNeeded: count))
        }
        self.buffer.writeString(value)
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
            self.buffer.writeInteger(fix | UInt8(count))
        case 16...0xFFFF:
            self.buffer.writeInteger(sixteen)
            self.buffer.writeInteger(UInt16(count))
        default:
            self.buffer.writeInteger(thirtyTwo)
            self.buffer.writeInteger(UInt32(truncatingIfNeeded: count))
        }
    }
}
