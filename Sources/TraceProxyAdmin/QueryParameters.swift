/// Decoded `application/x-www-form-urlencoded` query parameters: `+` is a space, `%XX` a byte.
package struct QueryParameters: Sendable {
    private var pairs: [(String, String)] = []

    package init(_ query: Substring) {
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            if let equals = part.firstIndex(of: "=") {
                self.pairs.append((Self.decode(part[..<equals]), Self.decode(part[part.index(after: equals)...])))
            } else {
                self.pairs.append((Self.decode(part), ""))
            }
        }
    }

    /// The first value of `name`; nil when absent. An empty value counts as absent.
    package subscript(_ name: String) -> String? {
        guard let value = self.pairs.first(where: { $0.0 == name })?.1, !value.isEmpty else { return nil }
        return value
    }

    /// Percent-decodes; malformed escapes stay as written, and invalid UTF-8 becomes U+FFFD.
    static func decode(_ text: Substring) -> String {
        let utf8 = Array(text.utf8)
        guard utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < utf8.count,
                let high = Self.hexValue(utf8[index + 1]), let low = Self.hexValue(utf8[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
