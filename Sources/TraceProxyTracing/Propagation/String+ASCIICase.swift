extension String {
    /// True when `self` equals `lowercased` ignoring ASCII case. `lowercased` must be lowercase already.
    ///
    /// Header names are ASCII tokens; comparing their bytes avoids the copy and Unicode work of
    /// `lowercased()`, which the forwarding path would otherwise pay per header per request.
    @inlinable
    package func equalsIgnoringASCIICase(_ lowercased: String) -> Bool {
        var other = lowercased.utf8.makeIterator()
        guard self.utf8.count == lowercased.utf8.count else { return false }
        for byte in self.utf8 {
            let folded = byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
            if folded != other.next() { return false }
        }
        return true
    }
}
