/// Parses `250ms`, `5s`, `1.5s`, `2m`, `1h`, or a bare number of seconds.
///
/// No sign, no spaces, no compound forms (`1m30s`). Fractions are exact to the
/// nanosecond; finer digits are cut off.
enum DurationParser {
    static let expected = "expected e.g. 250ms, 5s, 2m"
    static let notADuration = ParseFailure("is not a duration (\(expected))")
    static let notPositive = ParseFailure("must be greater than 0 (\(expected))")
    static let tooLarge = ParseFailure("is too large for a duration")

    static func parse(_ text: String, allowingZero: Bool = false) throws(ParseFailure) -> Duration {
        let bytes = Array(text.utf8)
        var index = 0

        var whole: Int128 = 0
        var wholeDigits = 0
        while index < bytes.count, let digit = Self.digit(bytes[index]) {
            // 20 digits of seconds is already beyond Duration's Int64 nanoseconds.
            guard wholeDigits < 20 else { throw Self.tooLarge }
            whole = whole * 10 + Int128(digit)
            wholeDigits += 1
            index += 1
        }

        var fraction: Int128 = 0
        var fractionScale: Int128 = 1
        var fractionDigits = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, let digit = Self.digit(bytes[index]) {
                // Beyond 18 digits nothing changes at nanosecond resolution, even for hours.
                if fractionDigits < 18 {
                    fraction = fraction * 10 + Int128(digit)
                    fractionScale *= 10
                }
                fractionDigits += 1
                index += 1
            }
            guard fractionDigits > 0 else { throw Self.notADuration }
        }
        guard wholeDigits + fractionDigits > 0 else { throw Self.notADuration }

        let unitNanoseconds: Int128
        switch String(decoding: bytes[index...], as: UTF8.self) {
        case "ms": unitNanoseconds = 1_000_000
        case "", "s": unitNanoseconds = 1_000_000_000
        case "m": unitNanoseconds = 60_000_000_000
        case "h": unitNanoseconds = 3_600_000_000_000
        default: throw Self.notADuration
        }

        let nanoseconds = whole * unitNanoseconds + fraction * unitNanoseconds / fractionScale
        guard nanoseconds <= Int128(Int64.max) else { throw Self.tooLarge }
        guard nanoseconds > 0 || allowingZero else { throw Self.notPositive }
        return .nanoseconds(Int64(nanoseconds))
    }

    private static func digit(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
