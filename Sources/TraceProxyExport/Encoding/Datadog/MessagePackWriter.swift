import NIOCore

/// Appends MessagePack values to a `ByteBuffer`, one value at a time, through `MessagePackCursor` (which
/// holds the encoding rules). `writeReserved` writes many values with one capacity check.
package struct MessagePackWriter {
    package var buffer: ByteBuffer

    package init(buffer: ByteBuffer = ByteBuffer()) {
        self.buffer = buffer
    }

    /// Writes through a cursor over `maxBytes` reserved bytes and keeps only what `body` wrote.
    package mutating func writeReserved(maxBytes: Int, _ body: (inout MessagePackCursor) -> Void) {
        self.buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: maxBytes) { pointer in
            var cursor = MessagePackCursor(UnsafeMutableRawBufferPointer(rebasing: pointer[..<maxBytes]))
            body(&cursor)
            return cursor.offset
        }
    }

    package mutating func writeNil() {
        self.writeReserved(maxBytes: MessagePackCursor.maxScalarSize) { $0.writeNil() }
    }

    package mutating func writeBool(_ value: Bool) {
        self.writeReserved(maxBytes: MessagePackCursor.maxScalarSize) { $0.writeBool(value) }
    }

    package mutating func writeUInt(_ value: UInt64) {
        self.writeReserved(maxBytes: MessagePackCursor.maxScalarSize) { $0.writeUInt(value) }
    }

    package mutating func writeInt(_ value: Int64) {
        self.writeReserved(maxBytes: MessagePackCursor.maxScalarSize) { $0.writeInt(value) }
    }

    package mutating func writeDouble(_ value: Double) {
        self.writeReserved(maxBytes: MessagePackCursor.maxScalarSize) { $0.writeDouble(value) }
    }

    package mutating func writeString(_ value: String) {
        self.writeReserved(maxBytes: MessagePackCursor.maxStringSize(utf8Count: value.utf8.count)) { $0.writeString(value) }
    }

    package mutating func writeArrayHeader(count: Int) {
        self.writeReserved(maxBytes: MessagePackCursor.maxScalarSize) { $0.writeArrayHeader(count: count) }
    }

    package mutating func writeMapHeader(count: Int) {
        self.writeReserved(maxBytes: MessagePackCursor.maxScalarSize) { $0.writeMapHeader(count: count) }
    }
}
