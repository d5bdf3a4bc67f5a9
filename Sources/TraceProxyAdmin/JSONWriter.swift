/// Writes JSON text directly, without an intermediate object graph (RFC 8259).
///
/// Tracks only whether a comma is due, so the caller keeps begin/end balanced.
package struct JSONWriter: Sendable {
    package private(set) var output = ""
    private var needsComma = false

    package init(capacity: Int = 512) {
        self.output.reserveCapacity(capacity)
    }

    package mutating func beginObject() { self.open("{") }
    package mutating func endObject() { self.close("}") }
    package mutating func beginArray() { self.open("[") }
    package mutating func endArray() { self.close("]") }

    package mutating func key(_ key: String) {
        self.separate()
        Self.writeString(key, to: &self.output)
        self.output += ":"
        self.needsComma = false
    }

    package mutating func string(_ value: String?) {
        self.separate()
        if let value { Self.writeString(value, to: &self.output) } else { self.output += "null" }
        self.needsComma = true
    }

    package mutating func integer<T: BinaryInteger>(_ value: T?) {
        self.raw(value.map { String($0) })
    }

    /// A number rounded to `decimals` places, trailing zeros dropped; null when nil or not finite.
    package mutating func number(_ value: Double?, decimals: Int = 3) {
        self.raw(value.flatMap { Self.format($0, decimals: decimals) })
    }

    package mutating func bool(_ value: Bool) {
        self.raw(value ? "true" : "false")
    }

    package mutating func null() { self.raw(nil) }

    // MARK: Fields

    package mutating func field(_ key: String, _ value: String?) {
        self.key(key)
        self.string(value)
    }

    package mutating func field<T: BinaryInteger>(_ key: String, _ value: T?) {
        self.key(key)
        self.integer(value)
    }

    package mutating func field(_ key: String, _ value: Double?, decimals: Int = 3) {
        self.key(key)
        self.number(value, decimals: decimals)
    }

    package mutating func field(_ key: String, _ value: Bool) {
        self.key(key)
        self.bool(value)
    }

    // MARK: Internals

    private mutating func open(_ bracket: String) {
        self.separate()
        self.output += bracket
        self.needsComma = false
    }

    private mutating func close(_ bracket: String) {
        self.output += bracket
        self.needsComma = true
    }

    private mutating func separate() {
        if self.needsComma { self.output += "," }
    }

    private mutating func raw(_ text: String?) {
        self.separate()
        self.output += text ?? "null"
        self.needsComma = true
    }

    /// Fixed-point text without Foundation: `1.2345` at 3 decimals is `1.235`, `2.000` is `2`.
    static func format(_ value: Double, decimals: Int) -> String? {
        guard value.isFinite else { return nil }
        var scale: Double = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return String(Int64(value.rounded())) }
        let units = Int64(scaled)
        let whole = units / Int64(scale)
        var fraction = units % Int64(scale)
        var text = (value < 0 && units != 0 ? "-" : "") + String(whole)
        guard fraction != 0 else { return text }
        var digits = decimals
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let fractionText = String(fraction)
        text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        return text
    }

    /// Quotes and escapes: `"` and `\` always, control characters as `\n`, `\t`, … or `\u00XX`.
    static func writeString(_ value: String, to out: inout String) {
        out += "\""
        let needsEscaping = value.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        if !needsEscaping {
            out += value
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
