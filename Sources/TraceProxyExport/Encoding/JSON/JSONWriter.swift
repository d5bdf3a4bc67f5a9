import NIOCore
import TraceProxyTraceContext

/// Appends JSON tokens to a `ByteBuffer`: escaped strings, integers, doubles and hex ids.
///
/// Structure (commas, brackets) is the caller's job; this type only guarantees that each
/// token it writes is valid JSON (RFC 8259).
package struct JSONWriter {
    package var buffer: ByteBuffer

    package init(buffer: ByteBuffer = ByteBuffer()) {
        self.buffer = buffer
    }

    /// Punctuation and fixed keys, e.g. `{"traceId":`. The caller guarantees it is valid JSON.
    @inline(__always)
    package mutating func writeRaw(_ text: StaticString) {
        text.withUTF8Buffer { self.append(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always)
    package mutating func writeByte(_ byte: UInt8) {
        self.buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 1) { target in
            target[0] = byte
            return 1
        }
    }

    /// Copies `bytes` in. `ByteBuffer`'s own `writeBytes`/`writeStaticString` take a generic path that cost
    /// several times more per call; encoders make one call per token, so this is their hot path.
    @inline(__always)
    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        self.buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: bytes.count) { target in
            target.baseAddress!.copyMemory(from: source, byteCount: bytes.count)
            return bytes.count
        }
    }

    /// A quoted string with `"`, `\` and control characters escaped.
    package mutating func writeString(_ string: String) {
        var string = string
        // withUTF8 makes the storage contiguous once; native Swift strings already are.
        string.withUTF8 { self.writeEscaped($0) }
    }

    private mutating func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        if !bytes.contains(where: Self.needsEscape) {
            // The common case: quotes around the bytes as they are, in one write.
            self.buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: bytes.count + 2) { target in
                target[0] = UInt8(ascii: "\"")
                if let source = bytes.baseAddress, bytes.count > 0 {
                    (target.baseAddress! + 1).copyMemory(from: source, byteCount: bytes.count)
                }
                target[bytes.count + 1] = UInt8(ascii: "\"")
                return bytes.count + 2
            }
            return
        }
        self.writeByte(UInt8(ascii: "\""))
        var runStart = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard Self.needsEscape(byte) else { continue }
            if runStart < index {
                self.append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart..<index])))
            }
            runStart = index + 1
            self.writeEscape(for: byte)
        }
        if runStart < bytes.count {
            self.append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])))
        }
        self.writeByte(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private mutating func writeEscape(for byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): self.writeRaw("\\\"")
        case UInt8(ascii: "\\"): self.writeRaw("\\\\")
        case UInt8(ascii: "\n"): self.writeRaw("\\n")
        case UInt8(ascii: "\r"): self.writeRaw("\\r")
        case UInt8(ascii: "\t"): self.writeRaw("\\t")
        case 0x08: self.writeRaw("\\b")
        case 0x0C: self.writeRaw("\\f")
        default:
            self.writeRaw("\\u00")
            self.writeByte(Self.hexDigits[Int(byte >> 4)])
            self.writeByte(Self.hexDigits[Int(byte & 0xF)])
        }
    }

    package mutating func writeUInt(_ value: UInt64) {
        self.buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 20) { Self.writeDecimal(value, to: $0) }
    }

    package mutating func writeInt(_ value: Int64) {
        if value < 0 { self.writeByte(UInt8(ascii: "-")) }
        self.writeUInt(value.magnitude)
    }

    /// A 64-bit integer as a quoted decimal string, as OTLP/JSON wants (JavaScript loses precision above 2^53).
    package mutating func writeQuotedUInt(_ value: UInt64) {
        self.writeByte(UInt8(ascii: "\""))
        self.writeUInt(value)
        self.writeByte(UInt8(ascii: "\""))
    }

    package mutating func writeQuotedInt(_ value: Int64) {
        self.writeByte(UInt8(ascii: "\""))
        self.writeInt(value)
        self.writeByte(UInt8(ascii: "\""))
    }

    /// A finite double as a JSON number; NaN and infinities become the strings `"NaN"`, `"Infinity"` and
    /// `"-Infinity"`, the proto3 JSON spelling, because JSON has no such numbers.
    package mutating func writeDouble(_ value: Double) {
        if value.isNaN {
            self.writeRaw("\"NaN\"")
        } else if value.isInfinite {
            self.writeRaw(value < 0 ? "\"-Infinity\"" : "\"Infinity\"")
        } else {
            // Swift prints the shortest round-tripping form ("0.1", "1e-05", "100.0"): all valid JSON numbers.
            self.buffer.writeString(value.description)
        }
    }

    package mutating func writeBool(_ value: Bool) {
        self.writeRaw(value ? "true" : "false")
    }

    package mutating func writeNull() {
        self.writeRaw("null")
    }

    /// `"` + 16 lowercase hex characters + `"`.
    package mutating func writeQuotedHex(_ id: SpanID) {
        self.buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 18) { pointer in
            pointer[0] = UInt8(ascii: "\"")
            Self.writeHex(id.value, to: pointer, at: 1)
            pointer[17] = UInt8(ascii: "\"")
            return 18
        }
    }

    /// `"` + 32 lowercase hex characters + `"`.
    package mutating func writeQuotedHex(_ id: TraceID) {
        self.buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 34) { pointer in
            pointer[0] = UInt8(ascii: "\"")
            Self.writeHex(id.high, to: pointer, at: 1)
            Self.writeHex(id.low, to: pointer, at: 17)
            pointer[33] = UInt8(ascii: "\"")
            return 34
        }
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// 16 lowercase hex digits of `value` at `offset`.
    @inline(__always)
    package static func writeHex(_ value: UInt64, to pointer: UnsafeMutableRawBufferPointer, at offset: Int) {
        Self.hexDigits.withUnsafeBufferPointer { digits in
            for position in 0..<16 {
                let nibble = Int(truncatingIfNeeded: (value >> UInt64(60 - 4 * position)) & 0xF)
                pointer[offset + position] = digits[nibble]
            }
        }
    }

    /// Decimal digits of `value` at the start of `pointer`; returns how many were written.
    @inline(__always)
    package static func writeDecimal(_ value: UInt64, to pointer: UnsafeMutableRawBufferPointer) -> Int {
        var digits = 1
        var probe = value
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        var remaining = value
        var index = digits - 1
        while index >= 0 {
            pointer[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
            remaining /= 10
            index -= 1
        }
        return digits
    }
}
