/// One route template, optionally bound to a method: `GET /items/{item_id}`, `/files/{file_path:path}`.
///
/// Paths are split on `/` after the leading one, keeping empty segments, so `/items` (`["items"]`) and
/// `/items/` (`["items", ""]`) stay distinct routes, as they are for Starlette (which redirects between
/// them rather than serving both from one route).
package struct RoutePattern: Hashable, Sendable, CustomStringConvertible {
    package enum Segment: Hashable, Sendable {
        /// Matches exactly this text.
        case literal(String)
        /// Matches one non-empty segment: `{item_id}`, also `{item_id:int}` (the converter is not checked).
        case parameter(String)
        /// Matches the rest of the path, slashes included: Starlette's `{file_path:path}`. Always last.
        case rest(String)
    }

    package struct ParseError: Error, Hashable, CustomStringConvertible {
        package enum Reason: Hashable, Sendable {
            case empty
            case invalidMethod
            case notAbsolute
            case unbalancedBrace
            case emptyParameterName
            case parameterInsideSegment
            case restNotLast
            case whitespaceInPath
        }

        package let reason: Reason
        package let text: String

        package init(reason: Reason, text: String) {
            self.reason = reason
            self.text = text
        }

        package var description: String {
            let why =
                switch self.reason {
                case .empty: "is empty"
                case .invalidMethod: "has a method that is not an HTTP token"
                case .notAbsolute: "does not start with /"
                case .unbalancedBrace: "has an unbalanced { or }"
                case .emptyParameterName: "has a parameter without a name"
                case .parameterInsideSegment: "has a parameter that is not a whole segment (only /{name}/ is supported)"
                case .restNotLast: "has a {name:path} parameter that is not the last segment"
                case .whitespaceInPath: "has whitespace in its path"
                }
            return "route pattern \"\(self.text)\" \(why)"
        }
    }

    /// Upper-case method, or nil for any method.
    package let method: String?
    /// The path template as span names show it, e.g. `/items/{item_id}`.
    package let template: String
    package let segments: [Segment]

    package var description: String { self.method.map { $0 + " " + self.template } ?? self.template }

    /// Literal segments: the first specificity key (more wins).
    package var literalCount: Int { self.segments.count { if case .literal = $0 { true } else { false } } }
    /// Parameter and rest segments: the second specificity key (fewer wins).
    package var parameterCount: Int { self.segments.count - self.literalCount }

    /// Parses `METHOD /path` or `/path`.
    package init(_ text: String) throws(ParseError) {
        let trimmed = text.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { throw ParseError(reason: .empty, text: text) }
        if let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) {
            let method = trimmed[..<space]
            guard method.utf8.allSatisfy(Self.isTokenByte) else { throw ParseError(reason: .invalidMethod, text: text) }
            let path = trimmed[space...].trimmingASCIIWhitespace()
            try self.init(method: String(method), path: String(path), original: text)
        } else {
            try self.init(method: nil, path: String(trimmed), original: text)
        }
    }

    /// A pattern for `path` under `method` (nil: any method).
    package init(method: String?, path: String) throws(ParseError) {
        if let method, method.isEmpty || !method.utf8.allSatisfy(Self.isTokenByte) {
            throw ParseError(reason: .invalidMethod, text: method + " " + path)
        }
        try self.init(method: method, path: path, original: path)
    }

    private init(method: String?, path: String, original: String) throws(ParseError) {
        guard !path.isEmpty else { throw ParseError(reason: .empty, text: original) }
        guard path.utf8.first == UInt8(ascii: "/") else { throw ParseError(reason: .notAbsolute, text: original) }
        guard !path.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 }) else {
            throw ParseError(reason: .whitespaceInPath, text: original)
        }
        var segments: [Segment] = []
        let parts = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for (position, part) in parts.enumerated() {
            let segment = try Self.segment(part, original: original)
            if case .rest = segment, position != parts.count - 1 {
                throw ParseError(reason: .restNotLast, text: original)
            }
            segments.append(segment)
        }
        self.method = method?.uppercased()
        self.template = path
        self.segments = segments
    }

    private static func segment(_ part: Substring, original: String) throws(ParseError) -> Segment {
        let opens = part.utf8.count { $0 == UInt8(ascii: "{") }
        let closes = part.utf8.count { $0 == UInt8(ascii: "}") }
        guard opens == closes, opens <= 1 else {
            throw ParseError(reason: opens == closes ? .parameterInsideSegment : .unbalancedBrace, text: original)
        }
        guard opens == 1 else { return .literal(String(part)) }
        guard part.first == "{", part.last == "}" else {
            throw ParseError(reason: .parameterInsideSegment, text: original)
        }
        let inner = part.dropFirst().dropLast()
        let name: Substring
        let converter: Substring?
        if let colon = inner.firstIndex(of: ":") {
            name = inner[..<colon]
            converter = inner[inner.index(after: colon)...]
        } else {
            name = inner
            converter = nil
        }
        guard !name.isEmpty else { throw ParseError(reason: .emptyParameterName, text: original) }
        return converter == "path" ? .rest(String(name)) : .parameter(String(name))
    }

    /// RFC 9110 token characters, which is what a method may contain.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}

extension StringProtocol {
    fileprivate func trimmingASCIIWhitespace() -> SubSequence {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = self.firstIndex(where: { !isSpace($0) }) else { return self[self.endIndex...] }
        let last = self.lastIndex(where: { !isSpace($0) })!
        return self[first...last]
    }
}
