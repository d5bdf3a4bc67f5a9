import NIOCore
import Testing
import TraceProxyExport

@Suite struct ProtobufWriterTests {
    private func bytes(_ body: (inout ProtobufWriter) -> Void) -> [UInt8] {
        var writer = ProtobufWriter()
        body(&writer)
        return Array(writer.buffer.readableBytesView)
    }

    @Test(
        arguments: [
            (UInt64(0), [UInt8(0x00)]),
            (UInt64(1), [UInt8(0x01)]),
            (UInt64(127), [UInt8(0x7F)]),
            (UInt64(128), [UInt8(0x80), 0x01]),
            (UInt64(300), [UInt8(0xAC), 0x02]),
            (UInt64.max, [UInt8(0xFF), 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
        ] as [(UInt64, [UInt8])]
    )
    func writesVarintsAndSizesThemAlike(value: UInt64, expected: [UInt8]) {
        #expect(bytes { $0.writeVarint(value) } == expected)
        #expect(ProtobufWriter.varintSize(value) == expected.count)
    }

    @Test func negativeInt64TakesTenBytes() {
        #expect(bytes { $0.writeInt64Field(field: 3, -1) } == [0x18] + Array(repeating: 0xFF, count: 9) + [0x01])
    }

    @Test func fixedWidthFieldsAreLittleEndian() {
        #expect(bytes { $0.writeFixed64Field(field: 7, 0x0102_0304_0506_0708) } == [0x39, 8, 7, 6, 5, 4, 3, 2, 1])
        // Span.flags is field 16: a two-byte key.
        #expect(bytes { $0.writeFixed32Field(field: 16, 0x301) } == [0x85, 0x01, 0x01, 0x03, 0x00, 0x00])
        #expect(bytes { $0.writeDoubleField(field: 4, 1.0) } == [0x21, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
    }

    @Test func stringFieldSizeMatchesWhatIsWritten() {
        let text = String(repeating: "é", count: 100)  // 200 UTF-8 bytes: a two-byte length
        let written = bytes { $0.writeStringField(field: 5, text) }
        #expect(written.count == ProtobufWriter.stringFieldSize(field: 5, text))
        #expect(Array(written.prefix(3)) == [0x2A, 0xC8, 0x01])
    }

    @Test func readerReadsBackEveryWireType() throws {
        var writer = ProtobufWriter()
        writer.writeVarintField(field: 1, 300)
        writer.writeFixed64Field(field: 2, 7)
        writer.writeStringField(field: 3, "hi")
        writer.writeFixed32Field(field: 16, 9)
        var reader = ProtobufReader(writer.buffer)
        var seen: [UInt64] = []
        while let (field, value) = try reader.nextField() {
            seen.append(field)
            switch (field, value) {
            case (1, .varint(let v)): #expect(v == 300)
            case (2, .fixed64(let v)): #expect(v == 7)
            case (3, .lengthDelimited(let v)): #expect(String(buffer: v) == "hi")
            case (16, .fixed32(let v)): #expect(v == 9)
            default: Issue.record("unexpected field \(field)")
            }
        }
        #expect(seen == [1, 2, 3, 16])
    }

    @Test func readerRejectsTruncatedInput() {
        var reader = ProtobufReader(ByteBuffer(bytes: [0x0A, 0x05, 0x01]))
        #expect(throws: ProtobufReader.DecodingError.self) { _ = try reader.nextField() }
    }
}
