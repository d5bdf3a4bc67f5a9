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
        self.append(line: value.isEmpty ? "\(name);" : "\(name): \(value)")
    }

    /// Adds `line` verbatim; `Name:` with nothing after it suppresses a header curl would add.
    func append(line: String) {
        self.raw = curl_slist_append(self.raw, line)
    }
}
