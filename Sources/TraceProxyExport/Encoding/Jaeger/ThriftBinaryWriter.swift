import NIOCore

/// Thrift binary protocol (apache/thrift doc/specs/thrift-binary-protocol.md): big-endian,
/// a type byte plus an i16 id per field, i32 lengths.
package struct ThriftBinaryWriter: ThriftWriter {
    package var buffer: ByteBuffer

    package init(buffer: ByteBuffer = ByteBuffer()) {
        self.buffer = buffer
    }

    package static func typeCode(_ type: ThriftType) -> UInt8 {
        switch type {
        case .bool: 2
        case .byte: 3
        case .double: 4
        case .i16: 6
        case .i32: 8
        case .i64: 10
        case .string: 11
        case .struct: 12
        case .map: 13
        case .set: 14
        case .list: 15
        }
    }

    /// Strict header: version 1 and the type in one i32, then the name and the sequence id.
    package mutating func writeMessageBegin(name: String, type: ThriftMessageType, sequenceID: Int32) {
        self.buffer.writeInteger(UInt32(0x8001_0000) | UInt32(type.rawValue))
        self.writeString(name)
        self.buffer.writeInteger(sequenceID)
    }

    package mutating func writeStructBegin() {}

    package mutating func writeStructEnd() {
        self.buffer.writeInteger(UInt8(0))
    }

    package mutating func writeFieldBegin(_ type: ThriftType, id: Int16) {
        self.buffer.writeInteger(Self.typeCode(type))
        self.buffer.writeInteger(id)
    }

    package mutating func writeBoolField(id: Int16, _ value: Bool) {
        self.writeFieldBegin(.bool, id: id)
        self.buffer.writeInteger(UInt8(value ? 1 : 0))
    }

    package mutating func writeI32(_ value: Int32) {
        self.buffer.writeInteger(value)
    }

    package mutating func writeI64(_ value: Int64) {
        self.buffer.writeInteger(value)
    }

    package mutating func writeDouble(_ value: Double) {
        self.buffer.writeInteger(value.bitPattern)
    }

    package mutating func writeString(_ value: String) {
        self.buffer.writeInteger(Int32(value.utf8.count))
        self.buffer.writeString(value)
    }

    package mutating func writeListBegin(_ elementType: ThriftType, count: Int) {
        self.buffer.writeInteger(Self.typeCode(elementType))
        self.buffer.writeInteger(Int32(count))
    }
}
