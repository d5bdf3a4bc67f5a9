/// The W3C `traceparent` header: version, trace id, parent (span) id and flags.
///
/// Spec: https://www.w3.org/TR/trace-context-2/#traceparent-header
///
/// Parsing follows the spec and the official test suite (w3c/trace-context `test/test.py`):
/// surrounding spaces and tabs are ignored; version `00` must be exactly 55 characters;
/// a higher version (never `ff`) is read by its first four fields, must be at least 55 characters
/// and, when longer, continue with `-`; hex is lowercase only; all-zero ids are invalid.
/// Rendering always writes version `00`.
package struct TraceParent: Hashable, Sendable {
    /// The version read from the header; `headerValue` always writes `00`.
    package var version: UInt8
    package var traceID: TraceID
    package var parentID: SpanID
    /// The flags byte as received. Bits this version does not define are kept here;
    /// callers that propagate the context decide which bits to pass on.
    package var flags: TraceFlags

    package init(traceID: TraceID, parentID: SpanID, flags: TraceFlags) {
        self.version = 0
        self.traceID = traceID
        self.parentID = parentID
        self.flags = flags
    }

    /// Length of a version-00 value: `vv-` + 32 + `-` + 16 + `-` + `ff`.
    package static let version00Length = 55

    /// Parses one header value; nil when it is invalid.
    package init?<S: StringProtocol>(headerValue: S) {
        let parsed = headerValue.utf8.withContiguousStorageIfAvailable { Self.parse(utf8: $0) }
        switch parsed {
        case .some(.some(let value)):
            self = value
        case .some(.none):
            return nil
        case .none:
            guard let value = Array(headerValue.utf8).withUnsafeBufferPointer({ Self.parse(utf8: $0) }) else {
                return nil
            }
            self = value
        }
    }

    /// Parses one header value; nil when it is invalid.
    ///
    /// The concrete form of the generic initializer: generics are not specialized across modules,
    /// and this runs for every request.
    package init?(headerValue: String) {
        var value = headerValue
        guard let parsed = value.withUTF8({ Self.parse(utf8: $0) }) else { return nil }
        self = parsed
    }

    /// Decides from every value of the header: exactly one valid value yields a context.
    package init?(headerValues: [String]) {
        guard headerValues.count == 1 else { return nil }
        self.init(headerValue: headerValues[0])
    }

    /// Decides from every value of the header: exactly one valid value yields a context.
    ///
    /// The suite's `test_traceparent_duplicated` expects two header lines to restart the trace,
    /// so more than one value is invalid even when each value is valid on its own.
    package init?<S: StringProtocol>(headerValues: [S]) {
        guard headerValues.count == 1 else { return nil }
        self.init(headerValue: headerValues[0])
    }

    /// Parses the UTF-8 bytes of one header value without allocating.
    package static func parse(utf8 raw: UnsafeBufferPointer<UInt8>) -> TraceParent? {
        var start = raw.startIndex
        var end = raw.endIndex
        while start < end, Self.isOWS(raw[start]) { start += 1 }
        while end > start, Self.isOWS(raw[end - 1]) { end -= 1 }
        let count = end - start
        guard count >= Self.version00Length else { return nil }

        // Field boundaries are fixed: vv-<32>-<16>-ff
        guard raw[start + 2] == UInt8(ascii: "-"), raw[start + 35] == UInt8(ascii: "-"),
            raw[start + 52] == UInt8(ascii: "-")
        else { return nil }
        guard let version = Self.hexByte(raw[start], raw[start + 1]),
            version != 0xff,
            let high = Self.hexUInt64(raw, from: start + 3),
            let low = Self.hexUInt64(raw, from: start + 19),
            let parent = Self.hexUInt64(raw, from: start + 36),
            let flags = Self.hexByte(raw[start + 53], raw[start + 54])
        else { return nil }

        if count > Self.version00Length {
            // "If a higher version is detected ... the 56th character MUST be '-'": version 00 has no room for more.
            guard version != 0, raw[start + 55] == UInt8(ascii: "-") else { return nil }
        }
        guard high != 0 || low != 0, parent != 0 else { return nil }

        var result = TraceParent(
            traceID: TraceID(high: high, low: low),
            parentID: SpanID(parent),
            flags: TraceFlags(rawValue: flags)
        )
        result.version = version
        return result
    }

    /// The header value, always version `00`: `00-<trace-id>-<parent-id>-<flags>`.
    package var headerValue: String {
        String(unsafeUninitializedCapacity: Self.version00Length) { buffer in
            buffer[0] = UInt8(ascii: "0")
            buffer[1] = UInt8(ascii: "0")
            buffer[2] = UInt8(ascii: "-")
            Self.writeHex(self.traceID.high, into: buffer, at: 3)
            Self.writeHex(self.traceID.low, into: buffer, at: 19)
            buffer[35] = UInt8(ascii: "-")
            Self.writeHex(self.parentID.value, into: buffer, at: 36)
            buffer[52] = UInt8(ascii: "-")
            buffer[53] = Self.hexDigit(self.flags.rawValue >> 4)
            buffer[54] = Self.hexDigit(self.flags.rawValue & 0xf)
            return Self.version00Length
        }
    }

    // MARK: - Bytes

    @inline(__always)
    private static func isOWS(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    @inline(__always)
    private static func hexByte(_ first: UInt8, _ second: UInt8) -> UInt8? {
        guard let high = Hex.value(ofLowercaseDigit: first), let low = Hex.value(ofLowercaseDigit: second) else {
            return nil
        }
        return high << 4 | low
    }

    /// Reads exactly 16 lowercase hex digits at `index`; the caller has checked the length.
    @inline(__always)
    private static func hexUInt64(_ raw: UnsafeBufferPointer<UInt8>, from index: Int) -> UInt64? {
        var result: UInt64 = 0
        for offset in 0..<16 {
            guard let nibble = Hex.value(ofLowercaseDigit: raw[index + offset]) else { return nil }
            result = result << 4 | UInt64(nibble)
        }
        return result
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") &+ nibble : UInt8(ascii: "a") &+ (nibble &- 10)
    }

    @inline(__always)
    private static func writeHex(_ value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>, at index: Int) {
        for offset in 0..<16 {
            buffer[index + offset] = Self.hexDigit(UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * offset)) & 0xf)
        }
    }
}

extension TraceParent: CustomStringConvertible {
    package var description: String { self.headerValue }
}
