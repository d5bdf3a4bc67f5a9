import Foundation
import NIOCore
import Testing

/// Golden files in Tests/TraceProxyExportTests/Golden: hex text for binary formats, the bytes themselves
/// for text formats. Set TRACEPROXY_UPDATE_GOLDEN=1 to rewrite them from the current output.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

    static var isUpdating: Bool { ProcessInfo.processInfo.environment["TRACEPROXY_UPDATE_GOLDEN"] == "1" }

    static func expectMatches(
        _ buffer: ByteBuffer,
        file name: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let actual = Array(buffer.readableBytesView)
        let url = Self.directory.appendingPathComponent(name)
        let isHex = name.hasSuffix(".hex")
        if Self.isUpdating {
            let contents = isHex ? Data(Self.hexDump(actual).utf8) : Data(actual)
            try? FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            #expect(throws: Never.self, sourceLocation: sourceLocation) { try contents.write(to: url) }
            return
        }
        guard let data = try? Data(contentsOf: url) else {
            Issue.record(
                "missing golden file \(name); run with TRACEPROXY_UPDATE_GOLDEN=1",
                sourceLocation: sourceLocation
            )
            return
        }
        let expected = isHex ? Self.bytes(fromHexDump: String(decoding: data, as: UTF8.self)) : Array(data)
        if expected != actual {
            let firstDifference =
                zip(expected, actual).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset
                ?? min(expected.count, actual.count)
            Issue.record(
                "\(name): \(actual.count) bytes differ from golden \(expected.count) bytes at offset \(firstDifference)",
                sourceLocation: sourceLocation
            )
        }
    }

    static func hexDump(_ bytes: [UInt8]) -> String {
        var lines: [String] = []
        for start in stride(from: 0, to: bytes.count, by: 32) {
            lines.append(bytes[start..<min(start + 32, bytes.count)].map { Self.hex($0) }.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func bytes(fromHexDump text: String) -> [UInt8] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { UInt8($0, radix: 16)! }
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}

/// Where payloads for the Python decoders go (TRACEPROXY_PAYLOAD_DIR, default /tmp/traceproxy-payloads).
enum PayloadDirectory {
    static var url: URL {
        URL(
            fileURLWithPath: ProcessInfo.processInfo.environment["TRACEPROXY_PAYLOAD_DIR"] ?? "/tmp/traceproxy-payloads"
        )
    }

    static func write(_ buffer: ByteBuffer, as name: String) throws {
        try FileManager.default.createDirectory(at: Self.url, withIntermediateDirectories: true)
        try Data(buffer.readableBytesView).write(to: Self.url.appendingPathComponent(name))
    }
}
