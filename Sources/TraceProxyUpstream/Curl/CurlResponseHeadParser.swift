/// Builds the final response head from the lines libcurl's header callback hands over.
///
/// Interim 1xx heads (100 Continue, 103 Early Hints) are dropped. Fields after the final head are trailers:
/// libcurl hands them over the same callback once the body is done.
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
        if self.isComplete {
            self.parseTrailer(UnsafeRawBufferPointer(rebasing: bytes[0..<end]))
            return nil
        }
        if end == 0 { return self.finishHead() }
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            self.parseStatusLine(line)
        } else if bytes[0] == UInt8(ascii: " ") || bytes[0] == UInt8(ascii: "\t") {
            // obs-fold: a continuation of the previous field's value.
            if !self.headers.isEmpty {
                self.headers[self.headers.count - 1].value += " " + Self.trimmed(Substring(line))
            }
        } else if let colon = line.firstIndex(of: ":") {
            self.headers.append((String(line[..<colon]), Self.trimmed(line[line.index(after: colon)...])))
        }
        return nil
    }

    private mutating func parseTrailer(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self)
        guard let colon = line.firstIndex(of: ":"), !line.hasPrefix("HTTP/") else { return }
        self.trailers.append((String(line[..<colon]), Self.trimmed(line[line.index(after: colon)...])))
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

    private mutating func parseStatusLine(_ line: String) {
        self.headers = []
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        let version = parts[0].dropFirst("HTTP/".count).split(separator: ".")
        self.version = (Int(version.first ?? "1") ?? 1, version.count > 1 ? Int(version[1]) ?? 0 : 0)
        self.status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        self.reason = parts.count > 2 ? String(parts[2]) : ""
    }

    private static func trimmed(_ text: Substring) -> String {
        var slice = text
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
