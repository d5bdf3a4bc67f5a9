import NIOCore

/// Thrift compact protocol (apache/thrift doc/specs/thrift-compact-protocol.md): field-id deltas,
/// zigzag varints, little-endian doubles.
package struct ThriftCompactWriter: ThriftWriter {
    package var buffer: ByteBuffer
    /// Field-id deltas are relative to the previous field of the same struct, so nested structs save and restore it.
    private var lastFieldID: Int16 = 0
    private var enclosingFieldIDs: [Int16] = []

    package init(buffer: ByteBuffer = ByteBuffer()) {
        self.buffer = buffer
    }

    package static func typeCode(_ type: ThriftType) -> UInt8 {
        switch type {
        case .bool: 1
        case .byte: 3
        case .i16: 4
        case .i32: 5
        case .i64: 6
        case .double: 7
        case .string: 8
        case .list: 9
        case .set: 10
        case .map: 11
        case .struct: 12
        }
    }

    package mutating func writeMessageBegin(name: String, type: ThriftMessageType, sequenceID: Int32) {
        self.buffer.writeInteger(UInt8(0x82))  // protocol id
        self.buffer.writeInteger(type.rawValue << 5 | 1)  // type in the top 3 bits, version 1
        self.writeVarint(UInt64(UInt32(bitPattern: sequenceID)))
        self.writeString(name)
    }

    package mutating func writeStructBegin() {
        self.enclosingFieldIDs.append(self.lastFieldID)
        self.lastFieldID = 0
    }

    package mutating func writeStructEnd() {
        self.buffer.writeInteger(UInt8(0))
        self.lastFieldID = self.enclosingFieldIDs.popLast() ?? 0
    }

    package mutating func writeFieldBegin(_ type: ThriftType, id: Int16) {
        self.writeFieldHeader(typeCode: Self.typeCode(type), id: id)
    }

    package mutating func writeBoolField(id: Int16, _ value: Bool) {
        self.writeFieldHeader(typeCode: value ? 1 : 2, id: id)
    }

    private mutating func writeFieldHeader(typeCode: UInt8, id: Int16) {
        let delta = Int(id) - Int(self.lastFieldID)
        if delta > 0 && delta <= 15 {
            self.buffer.writeInteger(UInt8(delta) << 4 | typeCode)
        } else {
            self.buffer.writeInteger(typeCode)
            self.writeVarint(Self.zigzag(Int64(id)))
        }
        self.lastFieldID = id
    }

    package mutating func writeI32(_ value: Int32) {
        self.writeVarint(Self.zigzag(Int64(value)))
    }

    package mutating func writeI64(_ value: Int64) {
        self.writeVarint(Self.zigzag(value))
    }

    /// Little-endian: a compact-protocol quirk (the binary protocol is big-endian).
    package mutating func writeDouble(_ value: Double) {
        self.buffer.writeInteger(value.bitPattern, endianness: .little)
    }

    package mutating func writeString(_ value: String) {
        self.writeVarint(UInt64(value.utf8.count))
        self.buffer.writeString(value)
    }

    package mutating func writeListBegin(_ elementType: ThriftType, count: Int) {
        self.buffer.writeBytes(Self.listHeader(elementType, count: count))
    }

    /// The list header bytes: `count<<4 | type` up to 14 elements, else `0xF0 | type` and a varint count.
    package static func listHeader(_ elementType: ThriftType, count: Int) -> [UInt8] {
        let code = Self.typeCode(elementType)
        if count < 15 { return [UInt8(count) << 4 | code] }
        var header: [UInt8] = [0xF0 | code]
        var remaining = UInt64(count)
        while remaining >= 0x80 {
            header.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        header.append(UInt8(remaining))
        return header
    }

    /// The size of `listHeader(_:count:)`, without building it.
    package static func listHeaderSize(count: Int) -> Int {
        guard count >= 15 else { return 1 }
        let significantBits = 64 - (UInt64(count) | 1).leadingZeroBitCount
        return 1 + (significantBits + 6) / 7
    }

    @inline(__always)
    static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    private mutating func writeVarint(_ value: UInt64) {
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
}
