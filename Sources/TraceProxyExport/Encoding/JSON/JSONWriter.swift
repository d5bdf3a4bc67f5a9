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
        self.buffer.writeStaticString(text)
    }

    @inline(__always)
    package mutating func writeByte(_ byte: UInt8) {
        self.buffer.writeInteger(byte)
    }

    /// A quoted string with `"`, `\` and control characters escaped.
    package mutating func writeString(_ string: String) {
        var string = string
        // withUTF8 makes the storage contiguous once; native Swift strings already are.
        string.withUTF8 { self.writeEscaped($0) }
    }

    private mutating func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.buffer.writeInteger(UInt8(ascii: "\""))
        var runStart = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < index {
                self.buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart..<index])))
            }
            runStart = index + 1
            self.writeEscape(for: byte)
        }
        if runStart < bytes.count {
            self.buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])))
        }
        self.buffer.writeInteger(UInt8(ascii: "\""))
    }

    private mutating func writeEscape(for byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): self.buffer.writeStaticString("\\\"")
        case UInt8(ascii: "\\"): self.buffer.writeStaticString("\\\\")
        case UInt8(ascii: "\n"): self.buffer.writeStaticString("\\n")
        case UInt8(ascii: "\r"): self.buffer.writeStaticString("\\r")
        case UInt8(ascii: "\t"): self.buffer.writeStaticString("\\t")
        case 0x08: self.buffer.writeStaticString("\\b")
        case 0x0C: self.buffer.writeStaticString("\\f")
        default:
            self.buffer.writeStaticString("\\u00")
            self.buffer.writeInteger(Self.hexDigits[Int(byte >> 4)])
            self.buffer.writeInteger(Self.hexDigits[Int(byte & 0xF)])
        }
    }

    package mutating func writeUInt(_ value: UInt64) {
        self.buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 20) { Self.writeDecimal(value, to: $0) }
    }

    package mutating func writeInt(_ value: Int64) {
        if value < 0 { self.buffer.writeInteger(UInt8(ascii: "-")) }
        self.writeUInt(value.magnitude)
    }

    /// A 64-bit integer as a quoted decimal string, as OTLP/JSON wants (JavaScript loses precision above 2^53).
    package mutating func writeQuotedUInt(_ value: UInt64) {
        self.buffer.writeInteger(UInt8(ascii: "\""))
        self.writeUInt(value)
        self.buffer.writeInteger(UInt8(ascii: "\""))
    }

    package mutating func writeQuotedInt(_ value: Int64) {
        self.buffer.writeInteger(UInt8(ascii: "\""))
        self.writeInt(value)
        self.buffer.writeInteger(UInt8(ascii: "\""))
    }

    /// A finite double as a JSON number; NaN and infinities become the strings `"NaN"`, `"Infinity"` and
    /// `"-Infinity"`, the proto3 JSON spelling, because JSON has no such numbers.
    package mutating func writeDouble(_ value: Double) {
        if value.isNaN {
            self.buffer.writeStaticString("\"NaN\"")
        } else if value.isInfinite {
            self.buffer.writeStaticString(value < 0 ? "\"-Infinity\"" : "\"Infinity\"")
        } else {
            // Swift prints the shortest round-tripping form ("0.1", "1e-05", "100.0"): all valid JSON numbers.
            self.buffer.writeString(value.description)
        }
    }

    package mutating func writeBool(_ value: Bool) {
        self.buffer.writeStaticString(value ? "true" : "false")
    }

    package mutating func writeNull() {
        self.buffer.writeStaticString("null")
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
