extension StringProtocol {
    /// True when `self` equals `lowercased` ignoring ASCII case. `lowercased` must be lowercase already.
    ///
    /// Header names are ASCII tokens; comparing their bytes avoids the copy and Unicode work of
    /// `lowercased()`, which the forwarding path would otherwise pay per header per request. Lengths are
    /// compared first: most comparisons end there.
    @inlinable
    package func equalsIgnoringASCIICase(_ lowercased: some StringProtocol) -> Bool {
        guard self.utf8.count == lowercased.utf8.count else { return false }
        let fast = self.utf8.withContiguousStorageIfAvailable { mine in
            lowercased.utf8.withContiguousStorageIfAvailable { theirs in
                for index in 0..<mine.count where Self.foldedASCII(mine[index]) != theirs[index] { return false }
                return true
            }
        }
        if let fast, let result = fast { return result }
        return self.utf8.elementsEqual(lowercased.utf8) { Self.foldedASCII($0) == $1 }
    }

    @inlinable @inline(__always)
    static func foldedASCII(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }
}
