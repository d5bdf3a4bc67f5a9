import CCurlShims

/// A `curl_slist` of request header lines, freed when the list is released.
///
/// Owned by the curl thread once the transfer is handed to `CurlMultiLoop`.
final class CurlHeaderList {
    private(set) var raw: UnsafeMutablePointer<curl_slist>?

    init() {}

    deinit {
        curl_slist_free_all(self.raw)
    }

    /// Adds `name: value`. An empty value uses curl's `name;` form, since `name:` would remove the header.
    func append(name: String, value: String) {
        // The line is assembled in a stack buffer (curl copies it), not in an interpolated String.
        let nameCount = name.utf8.count
        let valueCount = value.utf8.count
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: nameCount + valueCount + 3) { line in
            var end = line.initialize(fromContentsOf: name.utf8)
            if valueCount == 0 {
                line[end] = UInt8(ascii: ";")
                end += 1
            } else {
                line[end] = UInt8(ascii: ":")
                line[end + 1] = UInt8(ascii: " ")
                end = line[(end + 2)...].initialize(fromContentsOf: value.utf8)
            }
            line[end] = 0
            line.withMemoryRebound(to: CChar.self) { self.raw = curl_slist_append(self.raw, $0.baseAddress) }
        }
    }

    /// Adds `line` verbatim; `Name:` with nothing after it suppresses a header curl would add.
    func append(line: String) {
        self.raw = curl_slist_append(self.raw, line)
    }
}
