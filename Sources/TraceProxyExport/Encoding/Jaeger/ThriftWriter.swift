import NIOCore

/// Thrift value types, independent of how a protocol numbers them on the wire.
package enum ThriftType: Sendable {
    case bool, byte, i16, i32, i64, double, string, `struct`, map, set, list
}

/// Thrift message kinds; `emitBatch` is declared `oneway`.
package enum ThriftMessageType: UInt8, Sendable {
    case call = 1
    case reply = 2
    case exception = 3
    case oneway = 4
}

/// The calls a Thrift struct encoder makes, so one Jaeger struct writer serves both the compact
/// (agent UDP) and binary (collector HTTP) protocols.
package protocol ThriftWriter {
    var buffer: ByteBuffer { get set }

    mutating func writeMessageBegin(name: String, type: ThriftMessageType, sequenceID: Int32)
    mutating func writeStructBegin()
    /// Writes the stop field that ends a struct.
    mutating func writeStructEnd()
    mutating func writeFieldBegin(_ type: ThriftType, id: Int16)
    /// A whole bool field: the compact protocol folds the value into the field header.
    mutating func writeBoolField(id: Int16, _ value: Bool)
    mutating func writeI32(_ value: Int32)
    mutating func writeI64(_ value: Int64)
    mutating func writeDouble(_ value: Double)
    mutating func writeString(_ value: String)
    mutating func writeListBegin(_ elementType: ThriftType, count: Int)
}
