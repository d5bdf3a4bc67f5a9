/// The W3C `trace-flags` byte.
package struct TraceFlags: OptionSet, Hashable, Sendable {
    package var rawValue: UInt8

    package init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Bit 0: the caller may have recorded this trace.
    package static let sampled = TraceFlags(rawValue: 0x01)
    /// Bit 1 (Trace Context Level 2): the trace id's right-most 7 bytes are random.
    package static let random = TraceFlags(rawValue: 0x02)

    package var isSampled: Bool { self.contains(.sampled) }
}
