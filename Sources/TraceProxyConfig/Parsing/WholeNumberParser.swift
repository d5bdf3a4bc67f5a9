/// Parses a plain decimal count such as `1024`, with a lower bound.
enum WholeNumberParser {
    static func parse(_ text: String, atLeast minimum: Int, example: Int) throws(ParseFailure) -> Int {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ParseFailure("is not a whole number (expected e.g. \(example))")
        }
        guard let value = Int(text) else { throw ParseFailure("is too large") }
        guard value >= minimum else { throw ParseFailure("must be at least \(minimum)") }
        return value
    }
}
