/// The W3C `tracestate` header: an ordered list of vendor `key=value` members.
///
/// Spec: https://www.w3.org/TR/trace-context-2/#tracestate-header
///
/// Parsing combines every header line (as if joined by `,`), skips empty members and
/// optional whitespace around members, and keeps the order. Following the official test suite,
/// the whole header is dropped (`nil`) when any member has an invalid key or value, when a key
/// repeats, or when there are more than 32 members.
package struct TraceState: Hashable, Sendable {
    /// One `key=value` list member.
    package struct Member: Hashable, Sendable {
        package var key: String
        package var value: String

        package init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// "There can be a maximum of 32 list-members in a list."
    package static let maxMembers = 32

    /// Members in header order: the most recently updated vendor first.
    package private(set) var members: [Member]

    /// An empty list.
    package init() {
        self.members = []
    }

    /// Builds a list from members that are already known to be valid, such as a copy of a parsed list.
    /// Returns nil when a member is invalid, a key repeats or there are too many members.
    package init?(members: [Member]) {
        guard members.count <= Self.maxMembers else { return nil }
        for (index, member) in members.enumerated() {
            guard Self.isValidKey(member.key), Self.isValidValue(member.value),
                !members[..<index].contains(where: { $0.key == member.key })
            else { return nil }
        }
        self.members = members
    }

    /// Parses one header line.
    package init?<S: StringProtocol>(headerValue: S) {
        self.init(headerValues: CollectionOfOne(headerValue))
    }

    /// Parses every line of the header, in order, as one list.
    package init?<Values: Sequence>(headerValues: Values) where Values.Element: StringProtocol {
        var members: [Member] = []
        for value in headerValues {
            let ok =
                value.utf8.withContiguousStorageIfAvailable { Self.appendMembers(of: $0, to: &members) }
                ?? Array(value.utf8).withUnsafeBufferPointer { Self.appendMembers(of: $0, to: &members) }
            guard ok else { return nil }
        }
        self.members = members
    }

    /// Parses every line of the header, in order, as one list.
    ///
    /// The concrete form of the generic initializer: generics are not specialized across modules,
    /// and this runs for every request.
    package init?(headerValues: [String]) {
        var members: [Member] = []
        for var value in headerValues {
            guard value.withUTF8({ Self.appendMembers(of: $0, to: &members) }) else { return nil }
        }
        self.members = members
    }

    package var isEmpty: Bool { self.members.isEmpty }

    /// The value for `key`, or nil.
    package subscript(key: String) -> String? {
        self.members.first(where: { $0.key == key })?.value
    }

    /// Puts `key=value` at the front, removing any earlier member with that key.
    ///
    /// "Modified keys MUST be moved to the beginning (left) of the list." When the list would then
    /// exceed 32 members the right-most one is dropped, as the spec allows.
    package mutating func set(key: String, value: String) throws(TraceContextError) {
        guard Self.isValidKey(key) else { throw .invalidTraceStateKey(key) }
        guard Self.isValidValue(value) else { throw .invalidTraceStateValue(value) }
        self.members.removeAll(where: { $0.key == key })
        self.members.insert(Member(key: key, value: value), at: 0)
        if self.members.count > Self.maxMembers { self.members.removeLast() }
    }

    /// Removes the member with `key`, if any.
    package mutating func remove(key: String) {
        self.members.removeAll(where: { $0.key == key })
    }

    /// The header value: members joined by `,`; empty when there are none (then send no header).
    package var headerValue: String {
        var length = max(0, self.members.count - 1)
        for member in self.members { length += member.key.utf8.count + 1 + member.value.utf8.count }
        var result = ""
        result.reserveCapacity(length)
        for (index, member) in self.members.enumerated() {
            if index > 0 { result += "," }
            result += member.key
            result += "="
            result += member.value
        }
        return result
    }
}

extension TraceState: CustomStringConvertible {
    package var description: String { self.headerValue }
}

// MARK: - Grammar

extension TraceState {
    /// `simple-key` (`[a-z][a-z0-9_\-*/]{0,255}`) or `multi-tenant-key` (`tenant@system`, the tenant
    /// `[a-z0-9][a-z0-9_\-*/]{0,240}`, the system `[a-z][a-z0-9_\-*/]{0,13}`).
    package static func isValidKey<S: StringProtocol>(_ key: S) -> Bool {
        var text = String(key)
        return text.withUTF8 { Self.isValidKey($0[...]) }
    }

    /// `0*255(chr) nblk-chr`: printable ASCII except `,` and `=`, 1 to 256 characters, not ending in a space.
    package static func isValidValue<S: StringProtocol>(_ value: S) -> Bool {
        var text = String(value)
        return text.withUTF8 { Self.isValidValue($0[...]) }
    }

    private typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    private static func isValidKey(_ key: Bytes) -> Bool {
        guard let at = key.firstIndex(of: UInt8(ascii: "@")) else {
            return Self.isKeyPart(key, maxLength: 256, firstMayBeDigit: false)
        }
        return Self.isKeyPart(key[..<at], maxLength: 241, firstMayBeDigit: true)
            && Self.isKeyPart(key[(at + 1)...], maxLength: 14, firstMayBeDigit: false)
    }

    private static func isKeyPart(_ part: Bytes, maxLength: Int, firstMayBeDigit: Bool) -> Bool {
        guard let first = part.first, part.count <= maxLength else { return false }
        let firstIsAlpha = first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")
        let firstIsDigit = first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")
        guard firstIsAlpha || (firstMayBeDigit && firstIsDigit) else { return false }
        for byte in part {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"):
                continue
            default:
                return false
            }
        }
        return true
    }

    private static func isValidValue(_ value: Bytes) -> Bool {
        guard let last = value.last, last != UInt8(ascii: " "), value.count <= 256 else { return false }
        for byte in value {
            guard byte >= 0x20, byte <= 0x7e, byte != UInt8(ascii: ","), byte != UInt8(ascii: "=") else { return false }
        }
        return true
    }

    private static func isOWS(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// Appends the members of one header line; false when the line makes the whole header invalid.
    private static func appendMembers(of line: UnsafeBufferPointer<UInt8>, to members: inout [Member]) -> Bool {
        var position = line.startIndex
        while position <= line.endIndex {
            let comma = line[position...].firstIndex(of: UInt8(ascii: ",")) ?? line.endIndex
            var start = position
            var end = comma
            while start < end, Self.isOWS(line[start]) { start += 1 }
            while end > start, Self.isOWS(line[end - 1]) { end -= 1 }

            if start < end {
                let member = line[start..<end]
                guard let equals = member.firstIndex(of: UInt8(ascii: "=")) else { return false }
                let key = line[start..<equals]
                let value = line[(equals + 1)..<end]
                guard Self.isValidKey(key), Self.isValidValue(value), members.count < Self.maxMembers else {
                    return false
                }
                // The suite's test_tracestate_duplicated_keys expects the whole header to be discarded.
                guard !members.contains(where: { $0.key.utf8.elementsEqual(key) }) else { return false }
                members.append(
                    Member(key: String(decoding: key, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
                )
            }
            position = comma + 1
        }
        return true
    }
}
