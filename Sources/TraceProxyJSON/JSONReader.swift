/// A small strict JSON parser (RFC 8259) for the few documents traceproxy reads: the upstream's OpenAPI
/// document (route discovery), OTLP/JSON partial success and Datadog's `rate_by_service`. Not meant for large
/// documents.
package struct JSONReader {
    package struct ParseError: Error, Hashable, CustomStringConvertible {
        private enum Code: Hashable {
            case unexpectedEnd
            case unexpectedByte(UInt8)
            case invalidNumber
            case invalidEscape
            case tooDeep
            case trailingData
        }

        private let code: Code
        /// Byte offset into the document where parsing stopped.
        package let offset: Int

        private init(_ code: Code, at offset: Int) {
            self.code = code
            self.offset = offset
        }

        static func unexpectedEnd(at offset: Int) -> Self { Self(.unexpectedEnd, at: offset) }
        static func unexpectedByte(_ byte: UInt8, at offset: Int) -> Self { Self(.unexpectedByte(byte), at: offset) }
        static func invalidNumber(at offset: Int) -> Self { Self(.invalidNumber, at: offset) }
        static func invalidEscape(at offset: Int) -> Self { Self(.invalidEscape, at: offset) }
        static func tooDeep(at offset: Int) -> Self { Self(.tooDeep, at: offset) }
        static func trailingData(at offset: Int) -> Self { Self(.trailingData, at: offset) }

        package var description: String { "JSON parse error \(self.code) at byte \(self.offset)" }
    }

    /// Nesting beyond this is refused, so a hostile answer cannot exhaust the stack.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var index = 0

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    package static func parse(_ bytes: [UInt8]) throws(ParseError) -> JSONValue {
        var reader = JSONReader(bytes: bytes)
        let value = try reader.parseValue(depth: 0)
        reader.skipWhitespace()
        guard reader.index == reader.bytes.count else { throw .trailingData(at: reader.index) }
        return value
    }

    private mutating func skipWhitespace() {
        while self.index < self.bytes.count {
            switch self.bytes[self.index] {
            case 0x20, 0x09, 0x0A, 0x0D: self.index += 1
            default: return
            }
        }
    }

    private mutating func peek() throws(ParseError) -> UInt8 {
        self.skipWhitespace()
        guard self.index < self.bytes.count else { throw .unexpectedEnd(at: self.index) }
        return self.bytes[self.index]
    }

    private mutating func expect(_ byte: UInt8) throws(ParseError) {
        let found = try self.peek()
        guard found == byte else { throw .unexpectedByte(found, at: self.index) }
        self.index += 1
    }

    private mutating func parseValue(depth: Int) throws(ParseError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw .tooDeep(at: self.index) }
        let byte = try self.peek()
        switch byte {
        case UInt8(ascii: "{"): return try self.parseObject(depth: depth)
        case UInt8(ascii: "["): return try self.parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try self.parseString())
        case UInt8(ascii: "t"): try self.parseLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try self.parseLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try self.parseLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try self.parseNumber())
        default: throw .unexpectedByte(byte, at: self.index)
        }
    }

    private mutating func parseObject(depth: Int) throws(ParseError) -> JSONValue {
        try self.expect(UInt8(ascii: "{"))
        var members: [(key: String, value: JSONValue)] = []
        if try self.peek() == UInt8(ascii: "}") {
            self.index += 1
            return .object(members)
        }
        while true {
            guard try self.peek() == UInt8(ascii: "\"") else {
                throw .unexpectedByte(self.bytes[self.index], at: self.index)
            }
            let key = try self.parseString()
            try self.expect(UInt8(ascii: ":"))
            members.append((key, try self.parseValue(depth: depth + 1)))
            let separator = try self.peek()
            self.index += 1
            if separator == UInt8(ascii: "}") { return .object(members) }
            guard separator == UInt8(ascii: ",") else { throw .unexpectedByte(separator, at: self.index - 1) }
        }
    }

    private mutating func parseArray(depth: Int) throws(ParseError) -> JSONValue {
        try self.expect(UInt8(ascii: "["))
        var values: [JSONValue] = []
        if try self.peek() == UInt8(ascii: "]") {
            self.index += 1
            return .array(values)
        }
        while true {
            values.append(try self.parseValue(depth: depth + 1))
            let separator = try self.peek()
            self.index += 1
            if separator == UInt8(ascii: "]") { return .array(values) }
            guard separator == UInt8(ascii: ",") else { throw .unexpectedByte(separator, at: self.index - 1) }
        }
    }

    private mutating func parseLiteral(_ literal: StaticString) throws(ParseError) {
        let count = literal.utf8CodeUnitCount
        guard self.index + count <= self.bytes.count else { throw .unexpectedEnd(at: self.index) }
        for offset in 0..<count where self.bytes[self.index + offset] != literal.utf8Start[offset] {
            throw .unexpectedByte(self.bytes[self.index + offset], at: self.index + offset)
        }
        self.index += count
    }

    /// The number's text after checking it against the JSON grammar.
    private mutating func parseNumber() throws(ParseError) -> String {
        let start = self.index
        func digits(_ reader: inout JSONReader) -> Int {
            let from = reader.index
            while reader.index < reader.bytes.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(reader.bytes[reader.index])
            {
                reader.index += 1
            }
            return reader.index - from
        }
        if self.bytes[self.index] == UInt8(ascii: "-") { self.index += 1 }
        let integerStart = self.index
        let integerDigits = digits(&self)
        guard integerDigits > 0, integerDigits == 1 || self.bytes[integerStart] != UInt8(ascii: "0") else {
            throw .invalidNumber(at: start)
        }
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: ".") {
            self.index += 1
            guard digits(&self) > 0 else { throw .invalidNumber(at: start) }
        }
        if self.index < self.bytes.count, self.bytes[self.index] | 0x20 == UInt8(ascii: "e") {
            self.index += 1
            if self.index < self.bytes.count,
                self.bytes[self.index] == UInt8(ascii: "+") || self.bytes[self.index] == UInt8(ascii: "-")
            {
                self.index += 1
            }
            guard digits(&self) > 0 else { throw .invalidNumber(at: start) }
        }
        return String(decoding: self.bytes[start..<self.index], as: UTF8.self)
    }

    private mutating func parseString() throws(ParseError) -> String {
        self.index += 1  // the opening quote, checked by the caller
        var scalars = String.UnicodeScalarView()
        var runStart = self.index
        func flushRun(_ reader: JSONReader, upTo end: Int) {
            if runStart < end {
                scalars.append(contentsOf: String(decoding: reader.bytes[runStart..<end], as: UTF8.self).unicodeScalars)
            }
        }
        while true {
            guard self.index < self.bytes.count else { throw .unexpectedEnd(at: self.index) }
            let byte = self.bytes[self.index]
            switch byte {
            case UInt8(ascii: "\""):
                flushRun(self, upTo: self.index)
                self.index += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                flushRun(self, upTo: self.index)
                scalars.append(try self.parseEscape())
                runStart = self.index
            case 0..<0x20:
                throw .unexpectedByte(byte, at: self.index)
            default:
                self.index += 1
            }
        }
    }

    /// One escape sequence starting at the backslash, including `\u` surrogate pairs.
    private mutating func parseEscape() throws(ParseError) -> Unicode.Scalar {
        let start = self.index
        guard self.index + 1 < self.bytes.count else { throw .unexpectedEnd(at: self.index) }
        let kind = self.bytes[self.index + 1]
        self.index += 2
        switch kind {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let first = try self.parseHex4()
            if (0xD800..<0xDC00).contains(first) {
                guard self.index + 1 < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\\"),
                    self.bytes[self.index + 1] == UInt8(ascii: "u")
                else { throw .invalidEscape(at: start) }
                self.index += 2
                let second = try self.parseHex4()
                guard (0xDC00..<0xE000).contains(second) else { throw .invalidEscape(at: start) }
                let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                guard let scalar = Unicode.Scalar(combined) else { throw .invalidEscape(at: start) }
                return scalar
            }
            guard let scalar = Unicode.Scalar(first) else { throw .invalidEscape(at: start) }
            return scalar
        default:
            throw .invalidEscape(at: start)
        }
    }

    private mutating func parseHex4() throws(ParseError) -> UInt32 {
        guard self.index + 4 <= self.bytes.count else { throw .unexpectedEnd(at: self.index) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = self.bytes[self.index]
            let nibble: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw .invalidEscape(at: self.index)
            }
            value = value << 4 | nibble
            self.index += 1
        }
        return value
    }
}
