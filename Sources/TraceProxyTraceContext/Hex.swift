/// Lowercase hex, written and read without Foundation.
package enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// 16 lowercase hex characters per value, concatenated.
    package static func string(_ values: UInt64...) -> String {
        String(unsafeUninitializedCapacity: values.count * 16) { buffer in
            var index = 0
            for value in values {
                for shift in stride(from: 60, through: 0, by: -4) {
                    buffer[index] = Self.digits[Int((value >> UInt64(shift)) & 0xf)]
                    index += 1
                }
            }
            return index
        }
    }

    /// Two lowercase hex characters.
    package static func string(byte: UInt8) -> String {
        String(unsafeUninitializedCapacity: 2) { buffer in
            buffer[0] = Self.digits[Int(byte >> 4)]
            buffer[1] = Self.digits[Int(byte & 0xf)]
            return 2
        }
    }

    /// The value of one lowercase hex digit, or nil (uppercase is not accepted: W3C forbids it).
    @inline(__always)
    package static func value(ofLowercaseDigit byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte &- UInt8(ascii: "a") &+ 10
        default: nil
        }
    }

    /// Parses up to 16 lowercase hex digits.
    package static func parseUInt64<C: Collection>(_ digits: C) -> UInt64? where C.Element == UInt8 {
        guard !digits.isEmpty, digits.count <= 16 else { return nil }
        var result: UInt64 = 0
        for byte in digits {
            guard let nibble = Self.value(ofLowercaseDigit: byte) else { return nil }
            result = result << 4 | UInt64(nibble)
        }
        return result
    }

    package static func bigEndianBytes(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> UInt64(56 - 8 * $0)) }
    }
}
