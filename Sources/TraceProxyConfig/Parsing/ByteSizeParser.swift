/// Parses a whole number of bytes, optionally with a `KiB` or `MiB` suffix (any letter case).
///
/// Decimal units (`kb`, `MB`) are rejected on purpose: `64kb` is ambiguous.
enum ByteSizeParser {
    static let expected = "expected e.g. 32768, 32KiB or 1MiB"
    static let notASize = ParseFailure("is not a size in bytes (\(expected))")
    static let tooLarge = ParseFailure("is too large for a size in bytes")

    static func parse(_ text: String) throws(ParseFailure) -> Int {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let multiplier: Int
        switch text.dropFirst(digits.count).lowercased() {
        case "": multiplier = 1
        case "kib": multiplier = 1024
        case "mib": multiplier = 1024 * 1024
        default: throw Self.notASize
        }
        guard !digits.isEmpty else { throw Self.notASize }
        guard let count = Int(digits) else { throw Self.tooLarge }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { throw Self.tooLarge }
        return bytes
    }
}
