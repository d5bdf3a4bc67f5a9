/// The heuristic for paths no route knows: segments that look like identifiers become placeholders,
/// so `/users/8731/avatar` and `/users/12/avatar` share the route `/users/{id}/avatar`.
package enum SegmentFolding {
    /// What a segment folds to, or nil when it stays as it is.
    package static func placeholder(for segment: Substring) -> String? {
        let bytes = segment.utf8
        guard !bytes.isEmpty else { return nil }
        if bytes.allSatisfy(Self.isDigit) { return "{id}" }
        if Self.isUUID(bytes) { return "{uuid}" }
        if bytes.count >= 16, bytes.allSatisfy(Self.isHex) { return "{hex}" }
        if Self.isToken(bytes) { return "{token}" }
        return nil
    }

    /// The folded template for `path`, which starts with `/`.
    package static func fold(_ path: Substring) -> String {
        var result = ""
        result.reserveCapacity(path.utf8.count)
        for segment in path.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            result.append("/")
            let text = Substring(segment)
            if let placeholder = Self.placeholder(for: text) {
                result.append(placeholder)
            } else {
                result.append(contentsOf: text)
            }
        }
        return result
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isHex(_ byte: UInt8) -> Bool {
        Self.isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    /// 8-4-4-4-12 hex digits, either case.
    private static func isUUID(_ bytes: Substring.UTF8View) -> Bool {
        guard bytes.count == 36 else { return false }
        for (offset, byte) in bytes.enumerated() {
            switch offset {
            case 8, 13, 18, 23: guard byte == UInt8(ascii: "-") else { return false }
            default: guard Self.isHex(byte) else { return false }
            }
        }
        return true
    }

    /// Long base64url-looking text mixing letters and digits (API keys, session ids, slugs with
    /// hashes): words alone, however long, are not tokens, which keeps `/internationalization` readable.
    private static func isToken(_ bytes: Substring.UTF8View) -> Bool {
        guard bytes.count >= 20 else { return false }
        var letters = false
        var digits = false
        var padding = false
        for byte in bytes {
            if byte == UInt8(ascii: "=") {
                padding = true
                continue
            }
            guard !padding else { return false }  // `=` only pads the end
            if Self.isLetter(byte) {
                letters = true
            } else if Self.isDigit(byte) {
                digits = true
            } else if byte != UInt8(ascii: "-") && byte != UInt8(ascii: "_") {
                return false
            }
        }
        return letters && digits
    }
}
