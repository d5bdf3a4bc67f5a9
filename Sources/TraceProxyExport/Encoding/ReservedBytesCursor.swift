/// Stores bytes into memory reserved in advance, checking every write against the reservation.
///
/// The encoders' hot loops (`ProtobufCursor`, `MessagePackCursor`) reserve an upper bound once and write
/// through this: one capacity check per message instead of one `ByteBuffer` call per value. A write past the
/// reservation stops the process rather than corrupting memory.
package struct ReservedBytesCursor {
    private let base: UnsafeMutableRawPointer
    private let capacity: Int
    /// Bytes written so far.
    package private(set) var offset = 0

    package init(_ buffer: UnsafeMutableRawBufferPointer) {
        // A zero-capacity buffer may have no base address; nothing can be written into it anyway.
        self.base = buffer.baseAddress ?? UnsafeMutableRawPointer(bitPattern: 0x1)!
        self.capacity = buffer.count
    }

    /// Claims `count` bytes and returns where they start.
    @inline(__always)
    package mutating func claim(_ count: Int) -> Int {
        precondition(self.offset + count <= self.capacity, "encoded value larger than the space reserved for it")
        defer { self.offset += count }
        return self.offset
    }

    @inline(__always)
    package mutating func writeByte(_ byte: UInt8) {
        self.base.storeBytes(of: byte, toByteOffset: self.claim(1), as: UInt8.self)
    }

    /// Stores `value` as is (callers pass `.bigEndian` or `.littleEndian`).
    @inline(__always)
    package mutating func writeRaw<Value: FixedWidthInteger>(_ value: Value) {
        self.base.storeBytes(of: value, toByteOffset: self.claim(MemoryLayout<Value>.size), as: Value.self)
    }

    /// Stores `bytes` at `index` without claiming: for a run the caller claimed itself (a varint).
    @inline(__always)
    package func store(_ byte: UInt8, at index: Int) {
        self.base.storeBytes(of: byte, toByteOffset: index, as: UInt8.self)
    }

    /// The UTF-8 bytes of `string`, without any prefix.
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
}
