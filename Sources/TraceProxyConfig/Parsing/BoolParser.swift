/// Parses an on/off environment value: `true`/`false`, `1`/`0`, `yes`/`no`, in any letter case.
enum BoolParser {
    static let notABoolean = ParseFailure("is not a boolean (expected true, false, 1, 0, yes or no)")

    static func parse(_ text: String) throws(ParseFailure) -> Bool {
        switch text.lowercased() {
        case "true", "1", "yes": true
        case "false", "0", "no": false
        default: throw Self.notABoolean
        }
    }
}
