import NIOCore
import Testing
import TraceProxyExport

@Suite struct ThriftCompactWriterTests {
    private func bytes(_ body: (inout ThriftCompactWriter) -> Void) -> [UInt8] {
        var writer = ThriftCompactWriter()
        body(&writer)
        return Array(writer.buffer.readableBytesView)
    }

    @Test func writesTheOnewayMessageHeaderAJaegerAgentExpects() {
        let header = bytes { $0.writeMessageBegin(name: "emitBatch", type: .oneway, sequenceID: 0) }
        #expect(header == [0x82, 0x81, 0x00, 0x09] + Array("emitBatch".utf8))
    }

    @Test func usesFieldIdDeltasAndTheLongFormBeyondFifteen() {
        let written = bytes { writer in
            writer.writeStructBegin()
            writer.writeFieldBegin(.i32, id: 1)
            writer.writeI32(-1)  // zigzag: 1
            writer.writeFieldBegin(.i64, id: 17)  // delta 16: long form, id as zigzag varint
            writer.writeI64(150)  // zigzag: 300 = ac 02
            writer.writeBoolField(id: 18, true)
            writer.writeBoolField(id: 19, false)
            writer.writeStructEnd()
        }
        #expect(written == [0x15, 0x01, 0x06, 0x22, 0xAC, 0x02, 0x11, 0x12, 0x00])
    }

    @Test func restoresTheFieldIdAfterANestedStruct() {
        let written = bytes { writer in
            writer.writeStructBegin()
            writer.writeFieldBegin(.struct, id: 1)
            writer.writeStructBegin()
            writer.writeFieldBegin(.i32, id: 5)
            writer.writeI32(0)
            writer.writeStructEnd()
            writer.writeFieldBegin(.i32, id: 2)
            writer.writeI32(0)
            writer.writeStructEnd()
        }
        #expect(written == [0x1C, 0x55, 0x00, 0x00, 0x15, 0x00, 0x00])
    }

    @Test func writesDoublesLittleEndianAndLongListHeaders() {
        #expect(bytes { $0.writeDouble(1.0) } == [0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
        #expect(bytes { $0.writeListBegin(.struct, count: 14) } == [0xEC])
        #expect(bytes { $0.writeListBegin(.struct, count: 15) } == [0xFC, 0x0F])
        #expect(bytes { $0.writeListBegin(.struct, count: 300) } == [0xFC, 0xAC, 0x02])
        for count in [0, 14, 15, 127, 128, 300, 20_000] {
            #expect(ThriftCompactWriter.listHeaderSize(count: count) == ThriftCompactWriter.listHeader(.struct, count: count).count)
        }
    }

    @Test func readsBackThroughTheTestReader() throws {
        let written = bytes { writer in
            writer.writeStructBegin()
            writer.writeFieldBegin(.string, id: 1)
            writer.writeString("é")
            writer.writeFieldBegin(.double, id: 4)
            writer.writeDouble(-2.5)
            writer.writeFieldBegin(.i64, id: 6)
            writer.writeI64(Int64.min)
            writer.writeStructEnd()
        }
        var reader = ThriftCompactReader(written)
        let value = try reader.readStruct()
        #expect(value[1]?.string == "é")
        #expect(value[4] == .double(-2.5))
        #expect(value[6] == .i64(Int64.min))
        #expect(reader.isAtEnd)
    }
}

@Suite struct ThriftBinaryWriterTests {
    private func bytes(_ body: (inout ThriftBinaryWriter) -> Void) -> [UInt8] {
        var writer = ThriftBinaryWriter()
        body(&writer)
        return Array(writer.buffer.readableBytesView)
    }

    @Test func writesTheStrictMessageHeader() {
        let header = bytes { $0.writeMessageBegin(name: "emitBatch", type: .oneway, sequenceID: 0) }
        #expect(header == [0x80, 0x01, 0x00, 0x04, 0, 0, 0, 9] + Array("emitBatch".utf8) + [0, 0, 0, 0])
    }

    @Test func writesBigEndianFieldsAndLists() {
        let written = bytes { writer in
            writer.writeFieldBegin(.i64, id: 1)
            writer.writeI64(-2)
            writer.writeBoolField(id: 5, true)
            writer.writeFieldBegin(.double, id: 4)
            writer.writeDouble(1.0)
            writer.writeFieldBegin(.list, id: 10)
            writer.writeListBegin(.struct, count: 2)
        }
        #expect(
            written == [0x0A, 0x00, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE]
                + [0x02, 0x00, 0x05, 0x01]
                + [0x04, 0x00, 0x04, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0]
                + [0x0F, 0x00, 0x0A, 0x0C, 0, 0, 0, 2]
        )
    }
}
