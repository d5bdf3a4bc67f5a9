import NIOCore
import TraceProxyExport

/// A protobuf message split into its fields, for structural assertions.
struct ProtobufMessage {
    var fields: [(number: UInt64, value: ProtobufReader.FieldValue)]

    init(_ buffer: ByteBuffer) throws {
        var reader = ProtobufReader(buffer)
        self.fields = []
        while let field = try reader.nextField() { self.fields.append((field.field, field.value)) }
    }

    var numbers: [UInt64] { self.fields.map(\.number) }

    func messages(_ number: UInt64) throws -> [ProtobufMessage] {
        try self.bytes(number).map { try ProtobufMessage($0) }
    }

    func message(_ number: UInt64) throws -> ProtobufMessage? {
        try self.messages(number).first
    }

    func bytes(_ number: UInt64) -> [ByteBuffer] {
        self.fields.compactMap { field in
            guard field.number == number, case .lengthDelimited(let bytes) = field.value else { return nil }
            return bytes
        }
    }

    func string(_ number: UInt64) -> String? {
        self.bytes(number).first.map { String(buffer: $0) }
    }

    func varint(_ number: UInt64) -> UInt64? {
        for field in self.fields where field.number == number {
            if case .varint(let value) = field.value { return value }
        }
        return nil
    }

    func fixed64(_ number: UInt64) -> UInt64? {
        for field in self.fields where field.number == number {
            if case .fixed64(let value) = field.value { return value }
        }
        return nil
    }

    func fixed32(_ number: UInt64) -> UInt32? {
        for field in self.fields where field.number == number {
            if case .fixed32(let value) = field.value { return value }
        }
        return nil
    }
}
