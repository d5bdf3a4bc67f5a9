import Foundation
import Testing
import TraceProxyAdmin

@Suite struct JSONWriterTests {
    @Test func escapesQuotesBackslashesAndControlCharacters() throws {
        var json = JSONWriter()

        json.beginObject()
        json.field("k\"ey", "a\"b\\c\nd\te\u{01}f é 😀")
        json.endObject()

        #expect(json.output == #"{"k\"ey":"a\"b\\c\nd\te\u0001f é 😀"}"#)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: String]
        #expect(parsed == ["k\"ey": "a\"b\\c\nd\te\u{01}f é 😀"])
    }

    @Test(arguments: [
        (1.2345, 3, "1.235"), (2.0, 3, "2"), (0.1, 4, "0.1"), (0.0099, 4, "0.0099"), (-1.5, 3, "-1.5"),
        (0.0004, 3, "0"), (1234567.0005, 3, "1234567.001"), (0.05, 3, "0.05"),
    ])
    func formatsFixedDecimalsWithoutTrailingZeros(value: Double, decimals: Int, expected: String) {
        var json = JSONWriter()

        json.number(value, decimals: decimals)

        #expect(json.output == expected)
    }

    @Test func writesNullForMissingAndNonFiniteNumbers() {
        var json = JSONWriter()

        json.beginArray()
        json.number(nil)
        json.number(.infinity)
        json.number(.nan)
        json.integer(Int?.none)
        json.endArray()

        #expect(json.output == "[null,null,null,null]")
    }

    @Test func separatesNestedValuesWithCommas() {
        var json = JSONWriter()

        json.beginObject()
        json.key("a")
        json.beginArray()
        json.beginObject()
        json.endObject()
        json.beginObject()
        json.field("b", true)
        json.endObject()
        json.endArray()
        json.field("c", 1)
        json.endObject()

        #expect(json.output == #"{"a":[{},{"b":true}],"c":1}"#)
    }
}
