/// A decoded Thrift value, enough to walk Jaeger structs in tests. Both protocol readers produce it.
indirect enum ThriftValue: Equatable {
    case bool(Bool)
    case byte(Int8)
    case i16(Int16)
    case i32(Int32)
    case i64(Int64)
    case double(Double)
    case binary([UInt8])
    case structure([Int16: ThriftValue])
    case list([ThriftValue])

    struct DecodingError: Error, CustomStringConvertible {
        var description: String
    }

    subscript(field: Int16) -> ThriftValue? {
        if case .structure(let fields) = self { return fields[field] }
        return nil
    }

    var string: String? {
        if case .binary(let bytes) = self { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }

    var list: [ThriftValue]? {
        if case .list(let values) = self { return values }
        return nil
    }

    var i64: Int64? {
        if case .i64(let value) = self { return value }
        return nil
    }
}

/// Reads the Thrift compact protocol, as a Jaeger agent does.
struct ThriftCompactReader {
    private let bytes: [UInt8]
    private(set) var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { self.index == self.bytes.count }

    mutating func readMessageBegin() throws -> (name: String, type: UInt8, sequenceID: Int32) {
        guard try self.byte() == 0x82 else { throw ThriftValue.DecodingError(description: "not a compact message") }
        let typeAndVersion = try self.byte()
        guard typeAndVersion & 0x1F == 1 else { throw ThriftValue.DecodingError(description: "bad version") }
        let sequenceID = Int32(truncatingIfNeeded: try self.varint())
        let name = String(decoding: try self.take(Int(try self.varint())), as: UTF8.self)
        return (name, typeAndVersion >> 5, sequenceID)
    }

    mutating func readStruct() throws -> ThriftValue {
        var fields: [Int16: ThriftValue] = [:]
        var lastID: Int16 = 0
        while true {
            let header = try self.byte()
            if header == 0 { return .structure(fields) }
            let type = header & 0x0F
            let delta = Int16(header >> 4)
            let id = delta == 0 ? Int16(truncatingIfNeeded: Self.unzigzag(try self.varint())) : lastID + delta
            lastID = id
            switch type {
            case 1: fields[id] = .bool(true)
            case 2: fields[id] = .bool(false)
            default: fields[id] = try self.readValue(type: type)
            }
        }
    }

    private mutating func readValue(type: UInt8) throws -> ThriftValue {
        switch type {
        case 3: return .byte(Int8(bitPattern: try self.byte()))
        case 4: return .i16(Int16(truncatingIfNeeded: Self.unzigzag(try self.varint())))
        case 5: return .i32(Int32(truncatingIfNeeded: Self.unzigzag(try self.varint())))
        case 6: return .i64(Self.unzigzag(try self.varint()))
        case 7: return .double(Double(bitPattern: try self.take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }))
        case 8: return .binary(Array(try self.take(Int(try self.varint()))))
        case 9:
            let header = try self.byte()
            var count = Int(header >> 4)
            if count == 15 { count = Int(try self.varint()) }
            return .list(try (0..<count).map { _ in try self.readValue(type: header & 0x0F) })
        case 12: return try self.readStruct()
        default: throw ThriftValue.DecodingError(description: "unsupported compact type \(type) at \(self.index)")
        }
    }

    private mutating func byte() throws -> UInt8 {
        try self.take(1).first!
    }

    private mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard self.index + count <= self.bytes.count else { throw ThriftValue.DecodingError(description: "truncated") }
        defer { self.index += count }
        return self.bytes[self.index..<self.index + count]
    }

    private mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try self.byte()
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    private static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }
}

/// Reads the Thrift binary protocol, as the Jaeger collector's HTTP endpoint does.
struct ThriftBinaryReader {
    private let bytes: [UInt8]
    private(set) var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { self.index == self.bytes.count }

    mutating func readStruct() throws -> ThriftValue {
        var fields: [Int16: ThriftValue] = [:]
        while true {
            let type = try self.integer(1)
            if type == 0 { return .structure(fields) }
            let id = Int16(truncatingIfNeeded: try self.integer(2))
            fields[id] = try self.readValue(type: UInt8(type))
        }
    }

    private mutating func readValue(type: UInt8) throws -> ThriftValue {
        switch type {
        case 2: return .bool(try self.integer(1) != 0)
        case 3: return .byte(Int8(truncatingIfNeeded: try self.integer(1)))
        case 4: return .double(Double(bitPattern: try self.integer(8)))
        case 6: return .i16(Int16(truncatingIfNeeded: try self.integer(2)))
        case 8: return .i32(Int32(truncatingIfNeeded: try self.integer(4)))
        case 10: return .i64(Int64(bitPattern: try self.integer(8)))
        case 11: return .binary(Array(try self.take(Int(try self.integer(4)))))
        case 12: return try self.readStruct()
        case 15:
            let elementType = UInt8(try self.integer(1))
            let count = Int(Int32(truncatingIfNeeded: try self.integer(4)))
            return .list(try (0..<count).map { _ in try self.readValue(type: elementType) })
        default: throw ThriftValue.DecodingError(description: "unsupported binary type \(type) at \(self.index)")
        }
    }

    private mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard self.index + count <= self.bytes.count else { throw ThriftValue.DecodingError(description: "truncated") }
        defer { self.index += count }
        return self.bytes[self.index..<self.index + count]
    }

    private mutating func integer(_ count: Int) throws -> UInt64 {
        try self.take(count).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
