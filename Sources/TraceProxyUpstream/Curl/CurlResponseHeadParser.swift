/// Builds the final response head from the lines libcurl's header callback hands over.
///
/// Interim 1xx heads (100 Continue, 103 Early Hints) are dropped. Fields after the final head are trailers:
/// libcurl hands them over the same callback once the body is done.
///
/// Works on the raw bytes and makes one `String` per name and per value: this runs for every header of every
/// proxied response, and Character-level `String` work here once cost more than all of libcurl's parsing.
struct CurlResponseHeadParser {
    private var status = 0
    private var reason = ""
    private var version = (major: 1, minor: 1)
    private var headers: [(name: String, value: String)] = []
    private(set) var isComplete = false
    /// Trailer fields, in order; empty for most HTTP/1.1 responses.
    private(set) var trailers: [(name: String, value: String)] = []

    /// Takes one raw header line (CRLF included). Returns the head when `line` ends the final head.
    mutating func parse(line bytes: UnsafeRawBufferPointer) -> UpstreamResponseHead? {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[0..<end])
        if self.isComplete {
            if let field = Self.field(line), !Self.isStatusLine(line) { self.trailers.append(field) }
            return nil
        }
        if end == 0 { return self.finishHead() }
        if Self.isStatusLine(line) {
            self.parseStatusLine(line)
        } else if line[0] == UInt8(ascii: " ") || line[0] == UInt8(ascii: "\t") {
            // obs-fold: a continuation of the previous field's value.
            let continuation = Self.trimmed(line)
            if !self.headers.isEmpty, Self.isSafeValue(continuation) {
                self.headers[self.headers.count - 1].value += " " + Self.string(continuation)
            }
        } else if let field = Self.field(line) {
            self.headers.append(field)
        }
        return nil
    }

    private mutating func finishHead() -> UpstreamResponseHead? {
        guard self.status != 0 else { return nil }
        if (100..<200).contains(self.status) {
            self = CurlResponseHeadParser()
            return nil
        }
        self.isComplete = true
        return UpstreamResponseHead(
            status: self.status,
            reason: self.reason,
            version: self.version,
            headers: self.headers
        )
    }

    /// `HTTP/1.1 200 OK`, `HTTP/2 204`: version, status code, optional reason phrase.
    private mutating func parseStatusLine(_ line: UnsafeRawBufferPointer) {
        self.headers = []
        self.headers.reserveCapacity(12)
        var index = 5  // after "HTTP/"
        let major = Self.number(line, from: &index)
        var minor: Int? = 0
        if index < line.count, line[index] == UInt8(ascii: ".") {
            index += 1
            minor = Self.number(line, from: &index)
        }
        self.version = (major ?? 1, minor ?? 0)
        if index < line.count, line[index] == UInt8(ascii: " ") { index += 1 }
        self.status = Self.number(line, from: &index) ?? 0
        if index < line.count, line[index] == UInt8(ascii: " ") { index += 1 }
        let reason = UnsafeRawBufferPointer(rebasing: line[index...])
        self.reason = Self.isSafeValue(reason) ? Self.string(reason) : ""
    }

    private static func isStatusLine(_ line: UnsafeRawBufferPointer) -> Bool {
        line.count >= 5 && line[0] == UInt8(ascii: "H") && line[1] == UInt8(ascii: "T")
            && line[2] == UInt8(ascii: "T") && line[3] == UInt8(ascii: "P") && line[4] == UInt8(ascii: "/")
    }

    /// `Name: value` split at the first colon, the value trimmed of blanks; nil without a colon, and nil for a
    /// field that could not be forwarded safely: a name that is not a token, or a value holding CR, LF or NUL
    /// (a bare CR ends a line for some clients: passing it on would let an upstream split the response).
    /// Checking here, while the bytes are at hand, is what lets the client side skip NIO's header validator.
    private static func field(_ line: UnsafeRawBufferPointer) -> (name: String, value: String)? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return nil }
        let name = UnsafeRawBufferPointer(rebasing: line[0..<colon])
        let value = Self.trimmed(UnsafeRawBufferPointer(rebasing: line[(colon + 1)...]))
        guard name.allSatisfy(Self.isTokenByte), Self.isSafeValue(value) else { return nil }
        return (Self.string(name), Self.string(value))
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
            UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func isSafeValue(_ bytes: UnsafeRawBufferPointer) -> Bool {
        !bytes.contains { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") || $0 == 0 }
    }

    /// Decimal digits from `index` on (advancing it); nil when there are none.
    private static func number(_ line: UnsafeRawBufferPointer, from index: inout Int) -> Int? {
        var value = 0
        let start = index
        while index < line.count, case let digit = line[index] &- UInt8(ascii: "0"), digit < 10, index - start < 9 {
            value = value * 10 + Int(digit)
            index += 1
        }
        return index > start ? value : nil
    }

    private static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }

    @inline(__always)
    private static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
