/// A decoded msgpack value that remembers which family each scalar used, so tests can assert
/// "uint64, not int" or "str, not bin" as the Datadog agent and test agent do.
indirect enum MessagePackValue: Equatable {
    case uint(UInt64)
    case int(Int64)
    case double(Double)
    case float(Float)
    case string(String)
    case binary([UInt8])
    case bool(Bool)
    case null
    case array([MessagePackValue])
    case map([(key: MessagePackValue, value: MessagePackValue)])

    struct DecodingError: Error, CustomStringConvertible {
        var description: String
    }

    /// Decodes exactly one value spanning all of `bytes`.
    static func decode(_ bytes: [UInt8]) throws -> MessagePackValue {
        var index = 0
        let value = try Self.decode(bytes, at: &index)
        guard index == bytes.count else { throw DecodingError(description: "trailing bytes at \(index)") }
        return value
    }

    subscript(key: String) -> MessagePackValue? {
        guard case .map(let entries) = self else { return nil }
        return entries.first(where: { $0.key == .string(key) })?.value
    }

    var arrayValue: [MessagePackValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    /// Map keys, in encoded order, when every key is a string.
    var stringKeys: [String]? {
        guard case .map(let entries) = self else { return nil }
        var keys: [String] = []
        for entry in entries {
            guard case .string(let key) = entry.key else { return nil }
            keys.append(key)
        }
        return keys
    }

    static func == (lhs: MessagePackValue, rhs: MessagePackValue) -> Bool {
        switch (lhs, rhs) {
        case (.uint(let a), .uint(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.double(let a), .double(let b)): a.bitPattern == b.bitPattern
        case (.float(let a), .float(let b)): a.bitPattern == b.bitPattern
        case (.string(let a), .string(let b)): a == b
        case (.binary(let a), .binary(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        case (.array(let a), .array(let b)): a == b
        case (.map(let a), .map(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    private static func decode(_ bytes: [UInt8], at index: inout Int) throws -> MessagePackValue {
        func take(_ count: Int) throws -> ArraySlice<UInt8> {
            guard index + count <= bytes.count else { throw DecodingError(description: "truncated at \(index)") }
            defer { index += count }
            return bytes[index..<index + count]
        }
        func bigEndian(_ count: Int) throws -> UInt64 {
            try take(count).reduce(0) { $0 << 8 | UInt64($1) }
        }
        func string(_ count: Int) throws -> MessagePackValue {
            let raw = try take(count)
            guard let text = String(validating: raw, as: UTF8.self) else {
                throw DecodingError(description: "invalid UTF-8 in str at \(index)")
            }
            return .string(text)
        }
        func array(_ count: Int) throws -> MessagePackValue {
            .array(try (0..<count).map { _ in try Self.decode(bytes, at: &index) })
        }
        func map(_ count: Int) throws -> MessagePackValue {
            .map(try (0..<count).map { _ in (try Self.decode(bytes, at: &index), try Self.decode(bytes, at: &index)) })
        }
        let format = try take(1).first!
        switch format {
        case 0x00...0x7F: return .uint(UInt64(format))
        case 0x80...0x8F: return try map(Int(format & 0x0F))
        case 0x90...0x9F: return try array(Int(format & 0x0F))
        case 0xA0...0xBF: return try string(Int(format & 0x1F))
        case 0xC0: return .null
        case 0xC2: return .bool(false)
        case 0xC3: return .bool(true)
        case 0xC4: return .binary(Array(try take(Int(try bigEndian(1)))))
        case 0xC5: return .binary(Array(try take(Int(try bigEndian(2)))))
        case 0xC6: return .binary(Array(try take(Int(try bigEndian(4)))))
        case 0xCA: return .float(Float(bitPattern: UInt32(try bigEndian(4))))
        case 0xCB: return .double(Double(bitPattern: try bigEndian(8)))
        case 0xCC: return .uint(try bigEndian(1))
        case 0xCD: return .uint(try bigEndian(2))
        case 0xCE: return .uint(try bigEndian(4))
        case 0xCF: return .uint(try bigEndian(8))
        case 0xD0: return .int(Int64(Int8(truncatingIfNeeded: try bigEndian(1))))
        case 0xD1: return .int(Int64(Int16(truncatingIfNeeded: try bigEndian(2))))
        case 0xD2: return .int(Int64(Int32(truncatingIfNeeded: try bigEndian(4))))
        case 0xD3: return .int(Int64(bitPattern: try bigEndian(8)))
        case 0xD9: return try string(Int(try bigEndian(1)))
        case 0xDA: return try string(Int(try bigEndian(2)))
        case 0xDB: return try string(Int(try bigEndian(4)))
        case 0xDC: return try array(Int(try bigEndian(2)))
        case 0xDD: return try array(Int(try bigEndian(4)))
        case 0xDE: return try map(Int(try bigEndian(2)))
        case 0xDF: return try map(Int(try bigEndian(4)))
        case 0xE0...0xFF: return .int(Int64(Int8(bitPattern: format)))
        default: throw DecodingError(description: "unsupported format 0x\(String(format, radix: 16)) at \(index - 1)")
        }
    }
}
