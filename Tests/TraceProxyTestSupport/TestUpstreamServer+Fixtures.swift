extension TestUpstreamServer {
    /// The byte at offset `i` of every `/bytes` and `/chunked` body: `UInt8(i % 251)`.
    package static func patternByte(at offset: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: offset % 251)
    }

    /// `count` pattern bytes starting at `offset`, built from a precomputed period.
    package static func pattern(offset: Int, count: Int) -> [UInt8] {
        let start = offset % 251
        return Array(self.patternPeriods[start..<(start + count)])
    }

    /// Enough repetitions of the 251-byte period for any 64 KiB slice at any phase.
    static let patternPeriods: [UInt8] = (0..<(64 * 1024 + 251)).map { UInt8(truncatingIfNeeded: $0 % 251) }

    /// True when `bytes` equal the pattern bytes at `offset`.
    package static func matchesPattern(_ bytes: UnsafeRawBufferPointer, offset: Int) -> Bool {
        var checked = 0
        while checked < bytes.count {
            let count = min(64 * 1024, bytes.count - checked)
            let start = (offset + checked) % 251
            let equal = self.patternPeriods.withUnsafeBytes { period in
                UnsafeRawBufferPointer(rebasing: period[start..<(start + count)])
                    .elementsEqual(UnsafeRawBufferPointer(rebasing: bytes[checked..<(checked + count)]))
            }
            if !equal { return false }
            checked += count
        }
        return true
    }

    /// FNV-1a, 64 bit: cheap, order-sensitive, good enough to tell bodies apart in tests.
    package static func checksum(of bytes: some Sequence<UInt8>, continuing hash: UInt64 = 0xcbf2_9ce4_8422_2325)
        -> UInt64
    {
        var hash = hash
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }

    /// What `/gzip` answers: a real gzip member of "hello, gzip\n", which must reach the caller undecoded.
    package static let gzipBody: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0xd7,
        0x51, 0x48, 0xaf, 0xca, 0x2c, 0xe0, 0x02, 0x00, 0x86, 0x1f, 0x82, 0xa4, 0x0c, 0x00, 0x00, 0x00,
    ]
}
