import Testing
import TraceProxyTraceContext
import TraceProxyTestSupport

@Suite struct TraceStateTests {
    static let lcalpha = String((UInt8(ascii: "a")...UInt8(ascii: "z")).map { Character(Unicode.Scalar($0)) })
    static let keyWithoutVendor = lcalpha + "0123456789_-*/"
    static let keyWithVendor = keyWithoutVendor + "@a-z0-9_-*/"
    /// Every allowed value character (0x20-0x7E except ',' and '='), as test_tracestate_all_allowed_characters sends.
    static let allValueCharacters = String(
        (UInt8(0x20)...UInt8(0x7e)).filter { $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "=") }
            .map { Character(Unicode.Scalar($0)) }
    )

    static func numbered(_ range: ClosedRange<Int>) -> String {
        range.map { n in n < 10 ? "bar0\(n)=0\(n)" : "bar\(n)=\(n)" }.joined(separator: ",")
    }

    // MARK: - Valid headers

    @Test(arguments: [
        (["foo=1,bar=2"], [("foo", "1"), ("bar", "2")]),
        // test_tracestate_multiple_headers_different_keys: lines combine in order.
        (
            ["foo=1,bar=2", "rojo=1,congo=2", "baz=3"],
            [("foo", "1"), ("bar", "2"), ("rojo", "1"), ("congo", "2"), ("baz", "3")]
        ),
        // test_tracestate_empty_header
        ([""], []),
        (["foo=1", ""], [("foo", "1")]),
        (["", "foo=1"], [("foo", "1")]),
        // Empty list members are skipped.
        ([",foo=1,,  ,\t,bar=2,"], [("foo", "1"), ("bar", "2")]),
        // test_tracestate_ows_handling
        (["foo=1 \t , \t bar=2, \t baz=3"], [("foo", "1"), ("bar", "2"), ("baz", "3")]),
        (["foo=1\t \t,\t \tbar=2,\t \tbaz=3"], [("foo", "1"), ("bar", "2"), ("baz", "3")]),
        ([" foo=1"], [("foo", "1")]),
        (["\tfoo=1"], [("foo", "1")]),
        (["foo=1 "], [("foo", "1")]),
        (["foo=1\t"], [("foo", "1")]),
        (["\t foo=1 \t"], [("foo", "1")]),
        // Values may contain inner and leading spaces.
        (["foo= a b"], [("foo", " a b")]),
        // Multi-tenant keys; a tenant may start with a digit.
        (["tenant@vendor=x,0t@v=y"], [("tenant@vendor", "x"), ("0t@v", "y")]),
    ])
    func parsesValidHeader(lines: [String], expected: [(String, String)]) throws {
        let state = try #require(TraceState(headerValues: lines))

        #expect(state.members.map(\.key) == expected.map(\.0))
        #expect(state.members.map(\.value) == expected.map(\.1))
    }

    /// Regressions from the current W3C suite: Level 2 keys (test_tracestate_key_illegal_vendor_format)
    /// take `@` anywhere but first, any number of times, and may start with a digit; a repeated key keeps
    /// its first member (test_tracestate_duplicated_keys) instead of dropping the list.
    static let level2AndDuplicateCases: [([String], [(String, String)])] = [
        (["foo@=1,bar=2"], [("foo@", "1"), ("bar", "2")]),
        (["foo@@bar=1,bar=2"], [("foo@@bar", "1"), ("bar", "2")]),
        (["foo@bar@baz=1,bar=2"], [("foo@bar@baz", "1"), ("bar", "2")]),
        (["foo@1bar=1"], [("foo@1bar", "1")]),
        (["1foo=1"], [("1foo", "1")]),
        (["foo=1,foo=1"], [("foo", "1")]),
        (["foo=1,foo=2"], [("foo", "1")]),
        (["foo=1", "foo=1"], [("foo", "1")]),
        (["foo=1", "foo=2"], [("foo", "1")]),
        (["foo=1,bar=2,foo=3,baz=4"], [("foo", "1"), ("bar", "2"), ("baz", "4")]),
    ]

    @Test(arguments: Self.level2AndDuplicateCases)
    func parsesLevel2KeysAndKeepsTheFirstOfDuplicates(lines: [String], expected: [(String, String)]) throws {
        let state = try #require(TraceState(headerValues: lines))

        #expect(state.members.map(\.key) == expected.map(\.0))
        #expect(state.members.map(\.value) == expected.map(\.1))
    }

    @Test func parsesSubstringLinesLikeStrings() throws {
        let line = "tracestate: foo=1, bar=2"
        let value = line[line.index(line.startIndex, offsetBy: 12)...]

        let one = try #require(TraceState(headerValue: value))
        let two = try #require(TraceState(headerValues: [value, Substring("baz=3")]))

        #expect(one.headerValue == "foo=1,bar=2")
        #expect(two.headerValue == "foo=1,bar=2,baz=3")
        #expect(TraceState(headerValues: [value, value])?.headerValue == "foo=1,bar=2")
    }

    @Test func acceptsEveryAllowedCharacter() throws {
        let simple = try #require(TraceState(headerValue: Self.keyWithoutVendor + "=" + Self.allValueCharacters))
        let vendor = try #require(TraceState(headerValue: Self.keyWithVendor + "=" + Self.allValueCharacters))

        #expect(simple[Self.keyWithoutVendor] == Self.allValueCharacters)
        #expect(vendor[Self.keyWithVendor] == Self.allValueCharacters)
    }

    @Test func keepsThirtyTwoMembers() throws {
        let lines = [Self.numbered(1...10), Self.numbered(11...20), Self.numbered(21...30), Self.numbered(31...32)]

        let state = try #require(TraceState(headerValues: lines))

        #expect(state.members.count == 32)
        #expect(state["bar01"] == "01")
        #expect(state["bar32"] == "32")
    }

    @Test(arguments: [
        ("z", 256, true),
        ("z", 257, false),
    ])
    func limitsSimpleKeyLength(character: String, length: Int, valid: Bool) {
        let lines = ["foo=1", String(repeating: character, count: length) + "=1"]

        #expect((TraceState(headerValues: lines)?["foo"] == "1") == valid)
    }

    /// Regression (W3C suite, test_tracestate_key_length_limit): Level 2 limits only the whole key (256),
    /// no longer the parts around `@` (Level 1's 241 and 14).
    @Test(arguments: [
        (241, 14, true),
        (242, 1, true),
        (1, 15, true),
        (200, 55, true),
        (200, 56, false),
    ])
    func limitsKeysWithAtSignsByTotalLength(tenant: Int, system: Int, valid: Bool) {
        let key = String(repeating: "t", count: tenant) + "@" + String(repeating: "v", count: system)

        let state = TraceState(headerValues: ["foo=1", key + "=1"])

        #expect((state != nil) == valid)
        #expect((state?[key] == "1") == valid)
    }

    /// Regression (W3C suite, test_tracestate_duplicated_keys): discarded duplicates do not count towards
    /// the 32-member limit, but 33 distinct members still drop the list.
    @Test func duplicatesDoNotCountTowardsTheMemberLimit() throws {
        let state = try #require(TraceState(headerValues: [Self.numbered(1...32), "bar01=x"]))

        #expect(state.members.count == 32)
        #expect(state["bar01"] == "01")
        #expect(TraceState(headerValues: [Self.numbered(1...32), "bar01=x", "bar33=33"]) == nil)
    }

    @Test(arguments: [(256, true), (257, false)])
    func limitsValueLength(length: Int, valid: Bool) {
        #expect((TraceState(headerValue: "foo=" + String(repeating: "v", count: length)) != nil) == valid)
    }

    // MARK: - Invalid headers drop the whole list

    @Test(arguments: [
        // test_tracestate_member_count_limit: 33 members.
        [numbered(1...10), numbered(11...20), numbered(21...30), numbered(31...33)],
        // test_tracestate_key_illegal_characters
        ["foo =1"],
        ["FOO=1"],
        ["foo.bar=1"],
        // test_tracestate_key_illegal_vendor_format: a key cannot start with `@`.
        ["@foo=1,bar=2"],
        ["foo=1,@=2"],
        // test_tracestate_value_illegal_characters
        ["foo=bar=baz"],
        ["foo=,bar=3"],
        // More key and value grammar.
        ["_foo=1"],
        ["*foo=1"],
        ["foo@Bar=1"],
        ["foo"],
        ["=1"],
        ["foo=a\tb"],
        ["foo=caf\u{e9}"],
        ["foo=\u{7f}"],
        ["foo=1", "bar"],
    ])
    func dropsInvalidHeader(lines: [String]) {
        #expect(TraceState(headerValues: lines) == nil)
    }

    // MARK: - Building and rendering

    @Test func rendersMembersInOrderJoinedByCommas() throws {
        let state = try #require(TraceState(headerValues: [" foo=1 ,bar=2", "baz=3 "]))

        #expect(state.headerValue == "foo=1,bar=2,baz=3")
        #expect(TraceState().headerValue == "")
    }

    @Test func setMovesAnExistingKeyToTheFront() throws {
        var state = try #require(TraceState(headerValue: "foo=1,bar=2,baz=3"))

        try state.set(key: "baz", value: "4")

        #expect(state.headerValue == "baz=4,foo=1,bar=2")
    }

    @Test func setPutsANewKeyAtTheFront() throws {
        var state = try #require(TraceState(headerValue: "foo=1"))

        try state.set(key: "tp@proxy", value: "x")

        #expect(state.headerValue == "tp@proxy=x,foo=1")
    }

    @Test func setDropsTheRightMostMemberBeyondThirtyTwo() throws {
        var state = try #require(TraceState(headerValue: Self.numbered(1...32)))

        try state.set(key: "new", value: "1")

        #expect(state.members.count == 32)
        #expect(state.members.first?.key == "new")
        #expect(state["bar32"] == nil)
        #expect(state["bar31"] == "31")
    }

    @Test func setRefusesInvalidKeysAndValues() {
        var state = TraceState()

        #expect(throws: TraceContextError.invalidTraceStateKey("Foo")) { try state.set(key: "Foo", value: "1") }
        #expect(throws: TraceContextError.invalidTraceStateValue("a,b")) { try state.set(key: "foo", value: "a,b") }
        #expect(throws: TraceContextError.invalidTraceStateValue("")) { try state.set(key: "foo", value: "") }
        #expect(throws: TraceContextError.invalidTraceStateValue("x ")) { try state.set(key: "foo", value: "x ") }
        #expect(state.isEmpty)
    }

    @Test func removeDeletesOnlyThatKey() throws {
        var state = try #require(TraceState(headerValue: "foo=1,bar=2"))

        state.remove(key: "foo")

        #expect(state.headerValue == "bar=2")
    }

    @Test func initFromMembersValidatesThem() {
        #expect(
            TraceState(members: [.init(key: "a", value: "1"), .init(key: "b", value: "2")])?.headerValue == "a=1,b=2")
        #expect(TraceState(members: [.init(key: "a", value: "1"), .init(key: "a", value: "2")]) == nil)
        #expect(TraceState(members: [.init(key: "A", value: "1")]) == nil)
    }

    // MARK: - Property: render then parse gives the same list

    @Test(arguments: [7 as UInt64, 99, 2026])
    func randomValidListsRoundTrip(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let keyCharacters = Array((Self.keyWithoutVendor).utf8)
        let valueCharacters = Array(Self.allValueCharacters.utf8)
        for _ in 0..<300 {
            var members: [TraceState.Member] = []
            let count = Int(random.next() % 33)
            while members.count < count {
                var key = String(Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(random.next() % 26))))
                for _ in 0..<(random.next() % 12) {
                    key.append(
                        Character(Unicode.Scalar(keyCharacters[Int(random.next() % UInt64(keyCharacters.count))])))
                }
                if random.next() % 3 == 0 { key += "@v" }
                var value = ""
                for _ in 0...(random.next() % 20) {
                    value.append(
                        Character(Unicode.Scalar(valueCharacters[Int(random.next() % UInt64(valueCharacters.count))])))
                }
                if value.hasSuffix(" ") { value += "x" }
                if !members.contains(where: { $0.key == key }) { members.append(.init(key: key, value: value)) }
            }
            let state = try #require(TraceState(members: members), "seed \(seed)")

            let reparsed = TraceState(headerValue: state.headerValue)

            #expect(reparsed == state, "seed \(seed): \(state.headerValue)")
        }
    }
}
