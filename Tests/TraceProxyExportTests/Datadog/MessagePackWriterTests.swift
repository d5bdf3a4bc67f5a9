import NIOCore
import Testing
import TraceProxyExport

@Suite struct MessagePackWriterTests {
    private func bytes(_ body: (inout MessagePackWriter) -> Void) -> [UInt8] {
        var writer = MessagePackWriter()
        body(&writer)
        return Array(writer.buffer.readableBytesView)
    }

    @Test func writesUnsignedIntegersInTheSmallestForm() {
        #expect(bytes { $0.writeUInt(127) } == [0x7F])
        #expect(bytes { $0.writeUInt(128) } == [0xCC, 0x80])
        #expect(bytes { $0.writeUInt(65_535) } == [0xCD, 0xFF, 0xFF])
        #expect(bytes { $0.writeUInt(65_536) } == [0xCE, 0x00, 0x01, 0x00, 0x00])
        // Ids above 2^63 need uint64 (WIRE-FORMATS 3.1).
        #expect(bytes { $0.writeUInt(UInt64.max - 1) } == [0xCF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE])
    }

    @Test func writesSignedIntegersInTheSmallestForm() {
        #expect(bytes { $0.writeInt(-1) } == [0xFF])
        #expect(bytes { $0.writeInt(-32) } == [0xE0])
        #expect(bytes { $0.writeInt(-33) } == [0xD0, 0xDF])
        #expect(bytes { $0.writeInt(-129) } == [0xD1, 0xFF, 0x7F])
        #expect(bytes { $0.writeInt(Int64.min) } == [0xD3, 0x80, 0, 0, 0, 0, 0, 0, 0])
        #expect(bytes { $0.writeInt(5) } == [0x05])
    }

    @Test func writesStringsInTheStrFamilyAtEachBoundary() throws {
        #expect(bytes { $0.writeString("") } == [0xA0])
        #expect(Array(bytes { $0.writeString(String(repeating: "a", count: 31)) }.prefix(1)) == [0xBF])
        #expect(Array(bytes { $0.writeString(String(repeating: "a", count: 32)) }.prefix(2)) == [0xD9, 32])
        #expect(Array(bytes { $0.writeString(String(repeating: "a", count: 256)) }.prefix(3)) == [0xDA, 0x01, 0x00])
        #expect(Array(bytes { $0.writeString(String(repeating: "a", count: 65_536)) }.prefix(5)) == [0xDB, 0, 1, 0, 0])
        #expect(try MessagePackValue.decode(bytes { $0.writeString("é🚀") }) == .string("é🚀"))
    }

    @Test func writesContainersDoublesAndBooleans() {
        #expect(bytes { $0.writeArrayHeader(count: 15) } == [0x9F])
        #expect(bytes { $0.writeArrayHeader(count: 16) } == [0xDC, 0x00, 0x10])
        #expect(bytes { $0.writeMapHeader(count: 12) } == [0x8C])
        #expect(bytes { $0.writeMapHeader(count: 70_000) } == [0xDF, 0x00, 0x01, 0x11, 0x70])
        #expect(bytes { $0.writeDouble(1.0) } == [0xCB, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0])
        #expect(
            bytes {
                $0.writeBool(true); $0.writeBool(false); $0.writeNil()
            } == [0xC3, 0xC2, 0xC0]
        )
    }
}
